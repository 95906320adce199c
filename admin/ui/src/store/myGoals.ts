import { api } from '../api';
import type { MyGoal } from '../apiShapes';
import type { GoalStatus } from '../types';
import { myPoints } from './myPoints';
import { resource } from './resource';

/** The signed-in person's own goals. */
export const myGoals = resource(async () => (await api.get<{ goals: MyGoal[] }>('/api/me/goals')).goals ?? []);

export interface CheckInInput {
  /** Left out for a goal that follows a metric. */
  value?: number;
  status?: GoalStatus;
  note?: string;
}

/** What a check-in answered: `notYet` when no checkpoint was due yet (saved, no point) and when the next one counts. */
export interface CheckInAnswer {
  pointAwarded: number;
  notYet: { dueDate: string; opensOn: string } | null;
}

/** Checks in on one of my goals, then reloads them (and my points: an on-time check-in earns one). Throws the server's ApiError. */
export async function checkIn(goalId: number, input: CheckInInput): Promise<CheckInAnswer> {
  const answer = await api.post<CheckInAnswer>(`/api/goals/${encodeURIComponent(goalId)}/check-ins`, input);
  void myPoints.load();
  await myGoals.load();
  return answer;
}
