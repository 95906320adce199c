import { t } from '../i18n';
import { authState, currentUser } from '../store/session';
import { LoginPage } from './LoginPage';
import { Shell } from './Shell';

export function App() {
  if (authState.value === 'loading') {
    return <div class="splash">{t('app.loading')}</div>;
  }
  return currentUser.value ? <Shell user={currentUser.value} /> : <LoginPage />;
}
