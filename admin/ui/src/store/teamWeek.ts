import { signal } from '@preact/signals';
import { api, ApiError } from '../api';
import type { TeamWeek } from '../apiShapes';
import { resource } from './resource';

/** This week of my reporting subtree (everyone for HR/admin). */
export const teamWeek = resource(() => api.get<TeamWeek>('/api/team/week'));

export type NudgeState = { state: 'sending' | 'sent' | 'already' } | { state: 'failed'; error: unknown };

/** Nudges asked for on this page, by person id. */
export const nudges = signal<Record<number, NudgeState>>({});

const put = (personId: number, s: NudgeState) => (nudges.value = { ...nudges.value, [personId]: s });

/** One reminder to someone who has not answered; once a day per person (409 already_nudged). */
export async function nudge(personId: number): Promise<void> {
  put(personId, { state: 'sending' });
  try {
    await api.post('/api/team/nudge', { personId });
    put(personId, { state: 'sent' });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'already_nudged') put(personId, { state: 'already' });
    else put(personId, { state: 'failed', error: err });
  }
}

export function resetTeam(): void {
  teamWeek.reset();
  nudges.value = {};
}
