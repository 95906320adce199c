import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { authMethods, autoWeComSignIn, loadAuthMethods, methodsLoaded } from '../../store/signIn';
import { LanguageSwitch } from '../LanguageSwitch';
import { ChatLinkForm } from './ChatLinkForm';
import { PasswordForm } from './PasswordForm';
import { SsoButtons } from './SsoButtons';

/** Signed out: password, a link sent in chat, or Slack / WeCom when they are on (inside WeCom: WeCom by itself). */
export function LoginPage() {
  const mode = useSignal<'password' | 'chat'>('password');
  const redirecting = useSignal(false);

  useEffect(() => {
    void loadAuthMethods().then(() => {
      redirecting.value = autoWeComSignIn();
    });
  }, []);

  const methods = authMethods.value;
  const chat = methods.chatLink && (mode.value === 'chat' || !methods.password);
  return (
    <main class="login">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <div class="card login-card" data-testid="login-page" data-methods-loaded={methodsLoaded.value ? 'yes' : 'no'}>
        <h1>{t('app.name')}</h1>
        <p class="muted">{chat ? t('login.chat.title') : t('login.title')}</p>
        {redirecting.value ? (
          <p class="muted" data-testid="wecom-redirect">{t('login.wecomRedirect')}</p>
        ) : chat ? (
          <ChatLinkForm onBack={methods.password ? () => (mode.value = 'password') : undefined} />
        ) : (
          <>
            <PasswordForm />
            {methods.chatLink && (
              <button type="button" class="login-alt" data-testid="chat-link-open" onClick={() => (mode.value = 'chat')}>
                {t('login.chat.open')}
              </button>
            )}
          </>
        )}
        <SsoButtons />
      </div>
    </main>
  );
}
