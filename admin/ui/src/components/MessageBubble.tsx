import { locale, t } from '../i18n';
import { canSpeak, pressButton, sending } from '../store/chat';
import type { ChatMessage } from '../types';

function formatTime(value: string | number, loc: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(loc, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function MessageBubble({ message, personName }: { message: ChatMessage; personName: string }) {
  const fields = message.fields ?? [];
  const buttons = message.buttons ?? [];
  const sender = message.from === 'bot' ? t('chat.from.bot') : personName;
  return (
    <li class={`message from-${message.from}`} data-testid="chat-message" data-from={message.from}>
      <div class="bubble">
        {message.redacted ? (
          <div class="message-text muted" data-testid="chat-redacted">
            {t('chat.redacted')}
          </div>
        ) : (
          message.text && <div class="message-text">{message.text}</div>
        )}
        {fields.length > 0 && (
          <dl class="message-fields">
            {fields.map((f, i) => (
              <div class="field" key={i}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {buttons.length > 0 && (
          <div class="message-buttons">
            {buttons.map((b) => (
              <button
                key={`${b.actionId}:${b.value}`}
                type="button"
                class={b.style ?? ''}
                data-testid="chat-button"
                data-action={b.actionId}
                disabled={sending.value || canSpeak.value !== true}
                onClick={() => void pressButton(b)}
              >
                {b.label}
              </button>
            ))}
          </div>
        )}
      </div>
      <div class="message-meta">
        {t('chat.meta', { sender, time: formatTime(message.createdAt, locale.value) })}
      </div>
      {message.from === 'person' && message.typedBy && (
        <div class="message-meta" data-testid="typed-by">
          {t('chat.typedBy', { name: message.typedBy })}
        </div>
      )}
    </li>
  );
}
