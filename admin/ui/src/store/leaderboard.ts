import { signal } from '@preact/signals';
import { api, ApiError } from '../api';
import type { LeaderboardRow, LeaderboardSnapshot } from '../types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** YYYY-MM; empty until the server has said which month is current (in the company's time zone). */
export const month = signal('');
export const department = signal('');
export const rows = signal<LeaderboardRow[]>([]);
export const rowsLoading = signal(false);
export const rowsError = signal<unknown>(null);

export type SnapshotState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ok'; snapshot: LeaderboardSnapshot }
  | { status: 'error'; error: unknown };

export const snapshot = signal<SnapshotState>({ status: 'loading' });

let rowsSeq = 0;
let snapshotSeq = 0;
let snapshotMonth = '';
let debounceTimer: ReturnType<typeof setTimeout> | undefined;

/** Loads the month's rows; `fresh` also re-reads the announcement (it may have been made meanwhile). */
export async function loadLeaderboard(opts: { fresh?: boolean } = {}): Promise<void> {
  const seq = ++rowsSeq;
  if (opts.fresh) snapshotMonth = '';
  const params = new URLSearchParams();
  if (month.value) params.set('month', month.value);
  const dept = department.value.trim();
  if (dept) params.set('department', dept);
  rowsLoading.value = true;
  try {
    const res = await api.get<{ month: string; rows: LeaderboardRow[]; announced?: boolean }>(`/api/leaderboard?${params}`);
    if (seq !== rowsSeq) return; // a newer request superseded this one
    rows.value = res.rows ?? [];
    rowsError.value = null;
    if (!month.value) month.value = res.month;
    if (res.month !== snapshotMonth) {
      if (res.announced === false) {
        // not announced (yet): nothing to ask for
        snapshotSeq++;
        snapshotMonth = res.month;
        snapshot.value = { status: 'none' };
      } else void loadSnapshot(res.month);
    }
  } catch (err) {
    if (seq === rowsSeq) rowsError.value = err;
  } finally {
    if (seq === rowsSeq) rowsLoading.value = false;
  }
}

async function loadSnapshot(m: string): Promise<void> {
  const seq = ++snapshotSeq;
  snapshotMonth = m;
  snapshot.value = { status: 'loading' };
  try {
    const res = await api.get<LeaderboardSnapshot>(`/api/leaderboard/snapshots/${encodeURIComponent(m)}`);
    if (seq === snapshotSeq) snapshot.value = { status: 'ok', snapshot: { ...res, entries: res.entries ?? [] } };
  } catch (err) {
    if (seq !== snapshotSeq) return;
    snapshot.value = err instanceof ApiError && err.status === 404 ? { status: 'none' } : { status: 'error', error: err };
    if (snapshot.value.status === 'error') snapshotMonth = ''; // retry on the next load
  }
}

export function setMonth(value: string): void {
  if (!MONTH.test(value) || value === month.value) return;
  month.value = value;
  void loadLeaderboard();
}

/** Update the department filter and reload after a short pause in typing. */
export function setDepartment(value: string): void {
  department.value = value;
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => void loadLeaderboard(), 300);
}

/** Forget everything (on logout). */
export function resetLeaderboard(): void {
  clearTimeout(debounceTimer);
  rowsSeq++;
  snapshotSeq++;
  snapshotMonth = '';
  month.value = '';
  department.value = '';
  rows.value = [];
  rowsError.value = null;
  snapshot.value = { status: 'loading' };
}
