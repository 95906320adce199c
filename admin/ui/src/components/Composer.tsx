import { useSignal } from '@preact/signals';
import { t } from '../i18n';
import { sendText, sending } from '../store/chat';

export function Composer() {
  const text = useSignal('');

  async function send() {
    const value = text.value.trim();
    if (!value || sending.value) return;
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
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <textarea
        data-testid="chat-input"
        rows={2}
        placeholder={t('chat.placeholder')}
        aria-label={t('chat.placeholder')}
        value={text.value}
        onInput={(e) => (text.value = e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button class="primary" type="submit" data-testid="chat-send" disabled={sending.value || !text.value.trim()}>
        {t('chat.send')}
      </button>
    </form>
  );
}
