import { useSignal } from '@preact/signals';
import { t } from '../i18n';
import { canSpeak, selectedPerson, sendText, sending } from '../store/chat';

/** Why the conversation is read-only: the person is on Slack or WeCom, or it is someone else's. */
function readOnlyReason(): string {
  const person = selectedPerson.value;
  const platform = person?.platform;
  if (platform === 'slack' || platform === 'wecom') return t('chat.readOnly.platform', { name: person!.name, platform: t(`platform.${platform}`) });
  return t('chat.readOnly.other', { name: person?.name ?? '' });
}

export function Composer() {
  const text = useSignal('');
  const allowed = canSpeak.value === true;

  async function send() {
    const value = text.value.trim();
    if (!value || sending.value || !allowed) return;
    if (await sendText(value)) text.value = '';
  }

  function onKeyDown(e: KeyboardEvent) {
    // Enter sends, Shift+Enter adds a line; never send while an IME is composing (Chinese input).
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form
      class="composer"
      data-can-speak={canSpeak.value === null ? 'unknown' : allowed ? 'yes' : 'no'}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {canSpeak.value === false && (
        <p class="composer-readonly muted small" data-testid="chat-readonly">
          {readOnlyReason()}
        </p>
      )}
      <textarea
        data-testid="chat-input"
        rows={2}
        disabled={!allowed}
        placeholder={t('chat.placeholder')}
        aria-label={t('chat.placeholder')}
        value={text.value}
        onInput={(e) => (text.value = e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button class="primary" type="submit" data-testid="chat-send" disabled={!allowed || sending.value || !text.value.trim()}>
        {t('chat.send')}
      </button>
    </form>
  );
}
