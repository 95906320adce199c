import { signal } from '@preact/signals';
import { api } from '../api';
import type { ChatMessage, MessageButton, Person } from '../types';

export const POLL_INTERVAL_MS = 2000;

export const selectedPerson = signal<Person | null>(null);
export const messages = signal<ChatMessage[]>([]);
export const messagesLoading = signal(false);
export const chatError = signal<unknown>(null);
export const sending = signal(false);
/** May the signed-in user speak in the open conversation (false: the person is on Slack/WeCom, or not me); null until known. */
export const canSpeak = signal<boolean | null>(null);

let lastPayload = '';
let inFlight: Promise<void> | null = null;
let queued: Promise<void> | null = null;
let pollTimer: ReturnType<typeof setInterval> | undefined;

async function fetchMessages(): Promise<void> {
  const person = selectedPerson.value;
  if (!person) return;
  const email = person.email;
  try {
    const res = await api.get<{ messages: ChatMessage[]; canSpeak?: boolean }>(
      `/api/local/messages?${new URLSearchParams({ employee: email })}`,
    );
    if (selectedPerson.value?.email !== email) return; // switched person meanwhile
    canSpeak.value = res.canSpeak !== false;
    const payload = JSON.stringify(res.messages ?? []);
    if (payload !== lastPayload) {
      lastPayload = payload;
      messages.value = res.messages ?? [];
    }
    chatError.value = null;
  } catch (err) {
    if (selectedPerson.value?.email === email) chatError.value = err;
  } finally {
    if (selectedPerson.value?.email === email) messagesLoading.value = false;
  }
}

/** Re-fetch the conversation. While a request runs, further calls share one follow-up request. */
export function refreshMessages(): Promise<void> {
  if (!inFlight) {
    inFlight = fetchMessages().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }
  if (!queued) {
    queued = inFlight.then(() => {
      queued = null;
      return refreshMessages();
    });
  }
  return queued;
}

export function selectPerson(person: Person): void {
  if (selectedPerson.value?.email === person.email) return;
  selectedPerson.value = person;
  canSpeak.value = null;
  messages.value = [];
  lastPayload = '';
  chatError.value = null;
  messagesLoading.value = true;
  void refreshMessages();
}

async function post(body: Record<string, string>): Promise<boolean> {
  const person = selectedPerson.value;
  if (!person) return false;
  sending.value = true;
  try {
    await api.post('/api/local/messages', { employee: person.email, ...body });
    chatError.value = null;
    return true;
  } catch (err) {
    chatError.value = err;
    return false;
  } finally {
    sending.value = false;
    void refreshMessages();
  }
}

export const sendText = (text: string): Promise<boolean> => post({ text });

export const pressButton = (button: MessageButton): Promise<boolean> =>
  post({ action: button.actionId, value: button.value });

export function startPolling(): void {
  stopPolling();
  pollTimer = setInterval(() => {
    if (!document.hidden && !inFlight) void refreshMessages();
  }, POLL_INTERVAL_MS);
}

export function stopPolling(): void {
  clearInterval(pollTimer);
  pollTimer = undefined;
}

/** Forget everything (on logout). */
export function resetChat(): void {
  stopPolling();
  selectedPerson.value = null;
  messages.value = [];
  lastPayload = '';
  chatError.value = null;
  canSpeak.value = null;
}
