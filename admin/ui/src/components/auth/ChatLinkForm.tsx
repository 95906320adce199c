import { useSignal } from '@preact/signals';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { requestChatLink } from '../../store/signIn';
import { useSubmit } from '../../useSubmit';

/** Sign in via chat: the bot sends a one-time link to the person's chat; the answer never tells who exists. */
export function ChatLinkForm({ onBack }: { onBack?: () => void }) {
  const email = useSignal('');
  const { busy, error, submit } = useSubmit();
  const sentTo = useSignal<string | null>(null);

  async function onSubmit(e: Event) {
    e.preventDefault();
    const address = email.value.trim();
    if (!address) return;
    sentTo.value = null;
    await submit(async () => {
      await requestChatLink(address);
      sentTo.value = address;
    });
  }

  return (
    <form class="login-form" onSubmit={onSubmit} data-testid="chat-link-form">
      <p class="muted small">{t('login.chat.hint')}</p>
      <label>
        <span>{t('login.email')}</span>
        <input
          data-testid="chat-link-email"
          type="email"
          autocomplete="username"
          required
          value={email.value}
          onInput={(e) => (email.value = e.currentTarget.value)}
        />
      </label>
      {sentTo.value && (
        <p class="notice notice-ok" role="status" data-testid="chat-link-sent">
          {t('login.chat.sent', { email: sentTo.value })}
        </p>
      )}
      {error.value ? (
        <p class="error" role="alert" data-testid="chat-link-error">
          {errorText(error.value)}
        </p>
      ) : null}
      <button class="primary" type="submit" data-testid="chat-link-submit" disabled={busy.value}>
        {busy.value ? t('login.chat.sending') : t('login.chat.submit')}
      </button>
      {onBack && (
        <button type="button" class="link-button" data-testid="password-open" onClick={onBack}>
          {t('login.usePassword')}
        </button>
      )}
    </form>
  );
}
