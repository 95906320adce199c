import { api } from '../api';
import type { MyGoal } from '../apiShapes';
import type { GoalStatus } from '../types';
import { resource } from './resource';

/** The signed-in person's own goals. */
export const myGoals = resource(async () => (await api.get<{ goals: MyGoal[] }>('/api/me/goals')).goals ?? []);

export interface CheckInInput {
  value: number;
  status?: GoalStatus;
  note?: string;
}

/** Checks in on one of my goals, then reloads them. Throws the server's ApiError. */
export async function checkIn(goalId: number, input: CheckInInput): Promise<void> {
  await api.post(`/api/goals/${encodeURIComponent(goalId)}/check-ins`, input);
  await myGoals.load();
}
