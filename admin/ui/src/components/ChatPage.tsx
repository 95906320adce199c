import { useEffect } from 'preact/hooks';
import { loadPeople, people } from '../store/people';
import { selectedPerson, selectPerson, startPolling, stopPolling } from '../store/chat';
import type { User } from '../types';
import { Conversation } from './Conversation';
import { JobBar } from './JobBar';
import { PersonPicker } from './PersonPicker';

/** With nobody picked yet, the signed-in user's own conversation (when they are a person). */
function selectSelf(user: User): void {
  if (selectedPerson.value || user.personId == null) return;
  const me = people.value.find((p) => p.id === user.personId || p.email === user.email);
  selectPerson(me ?? { id: user.personId, name: user.name, email: user.email });
}

export function ChatPage({ user }: { user: User }) {
  useEffect(() => {
    void loadPeople().then(() => selectSelf(user));
    startPolling();
    return stopPolling;
  }, []);

  return (
    <div class="chat-page">
      {user.role === 'admin' && <JobBar />}
      <div class="chat-layout">
        <PersonPicker />
        <Conversation />
      </div>
    </div>
  );
}
