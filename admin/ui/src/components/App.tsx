import { t } from '../i18n';
import { onSetPassword } from '../store/route';
import { authState, currentUser } from '../store/session';
import { LoginPage } from './auth/LoginPage';
import { SetPasswordPage } from './auth/SetPasswordPage';
import { Shell } from './Shell';

export function App() {
  if (authState.value === 'loading') {
    return <div class="splash">{t('app.loading')}</div>;
  }
  if (onSetPassword.value) return <SetPasswordPage />;
  return currentUser.value ? <Shell user={currentUser.value} /> : <LoginPage />;
}
