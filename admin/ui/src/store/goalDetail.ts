import { signal } from '@preact/signals';
import { api } from '../api';
import type { GoalDetail, GoalPatch } from '../types';
import { loadGoals } from './goals';

export type DetailState =
  | { status: 'none' }
  | { status: 'loading'; id: number }
  | { status: 'ok'; id: number; detail: GoalDetail }
  | { status: 'error'; id: number; error: unknown };

/** The goal open in the detail panel. */
export const detail = signal<DetailState>({ status: 'none' });
/** Set after a successful adjustment of the open goal, until another goal is opened. */
export const adjusted = signal<{ id: number; at: number } | null>(null);

let seq = 0;

async function fetchDetail(id: number, keepShowing: boolean): Promise<void> {
  const mine = ++seq;
  if (!keepShowing) detail.value = { status: 'loading', id };
  try {
    const res = await api.get<GoalDetail>(`/api/goals/${encodeURIComponent(id)}`);
    if (mine !== seq) return;
    detail.value = {
      status: 'ok',
      id,
      detail: { goal: res.goal, checkpoints: res.checkpoints ?? [], checkIns: res.checkIns ?? [], revisions: res.revisions ?? [], canEdit: res.canEdit === true },
    };
  } catch (err) {
    if (mine === seq) detail.value = { status: 'error', id, error: err };
  }
}

export const selectedGoalId = (): number | null => (detail.value.status === 'none' ? null : detail.value.id);

export function openGoal(id: number): void {
  if (selectedGoalId() === id && detail.value.status !== 'error') return;
  adjusted.value = null;
  void fetchDetail(id, false);
}

export function closeGoal(): void {
  seq++;
  adjusted.value = null;
  detail.value = { status: 'none' };
}

/** Adjusts a goal (PATCH, with its reason), then re-reads it and the tree. Throws the server's ApiError. */
export async function adjustGoal(id: number, patch: GoalPatch): Promise<void> {
  await api.patch(`/api/goals/${encodeURIComponent(id)}`, patch);
  adjusted.value = { id, at: Date.now() };
  await Promise.all([selectedGoalId() === id ? fetchDetail(id, true) : Promise.resolve(), loadGoals()]);
}

/** Re-reads the open goal (e.g. after the tree changed under it), keeping it on screen meanwhile. */
export function refreshDetail(): void {
  const id = selectedGoalId();
  if (id !== null) void fetchDetail(id, true);
}

export function resetGoalDetail(): void {
  closeGoal();
}
