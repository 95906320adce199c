import { api } from '../api';
import type { MyStandup } from '../apiShapes';
import { resource } from './resource';

/** This week's standup of the signed-in person; null when there is none yet. */
export const myStandup = resource(async () => (await api.get<{ standup: MyStandup | null }>('/api/me/standup')).standup);

/** Answers (or edits) this week's standup; a blank answer is sent as null (skipped). Throws the server's ApiError. */
export async function saveStandup(answers: string[]): Promise<MyStandup | null> {
  const body = { answers: answers.map((a) => (a.trim() ? a.trim() : null)) };
  const res = await api.put<{ standup: MyStandup | null }>('/api/me/standup', body);
  myStandup.data.value = res.standup;
  return res.standup;
}
