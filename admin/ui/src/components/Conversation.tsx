import { useLayoutEffect, useRef } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { chatError, messages, messagesLoading, selectedPerson } from '../store/chat';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';

/** Pixels from the bottom within which the list keeps following new messages. */
const STICK_THRESHOLD = 48;

export function Conversation() {
  const person = selectedPerson.value;
  const list = messages.value;
  const listRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  // A newly opened conversation starts at the bottom.
  useLayoutEffect(() => {
    stick.current = true;
  }, [person?.email]);

  // Follow new messages while the reader is at (or near) the bottom.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [list, person?.email]);

  function onScroll() {
    const el = listRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
  }

  if (!person) {
    return (
      <section class="conversation placeholder">
        <p class="muted">{t('chat.pickPerson')}</p>
      </section>
    );
  }

  return (
    <section class="conversation" aria-label={t('chat.with', { name: person.name })}>
      <div class="conversation-header">
        <strong>{person.name}</strong>
        <span class="muted">{person.email}</span>
      </div>
      <ol class="message-list" ref={listRef} onScroll={onScroll}>
        {list.map((m) => (
          <MessageBubble key={m.id} message={m} personName={person.name} />
        ))}
        {list.length === 0 && (
          <li class="muted empty">{messagesLoading.value ? t('chat.loading') : t('chat.empty')}</li>
        )}
      </ol>
      {chatError.value ? (
        <p class="error chat-error" role="alert">
          {errorText(chatError.value)}
        </p>
      ) : null}
      <Composer key={person.email} />
    </section>
  );
}
