import { useEffect } from 'preact/hooks';
import { loadPeople } from '../store/people';
import { startPolling, stopPolling } from '../store/chat';
import type { User } from '../types';
import { Conversation } from './Conversation';
import { JobBar } from './JobBar';
import { PersonPicker } from './PersonPicker';

export function ChatPage({ user }: { user: User }) {
  useEffect(() => {
    void loadPeople();
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
