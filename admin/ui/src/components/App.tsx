import { t } from '../i18n';
import { authState, currentUser } from '../store/session';
import { ChatPage } from './ChatPage';
import { LoginPage } from './LoginPage';

export function App() {
  if (authState.value === 'loading') {
    return <div class="splash">{t('app.loading')}</div>;
  }
  return currentUser.value ? <ChatPage user={currentUser.value} /> : <LoginPage />;
}
