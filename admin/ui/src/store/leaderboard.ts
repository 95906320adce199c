import { signal } from '@preact/signals';
import { api, ApiError } from '../api';
import type { LeaderboardRow, LeaderboardSnapshot } from '../types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** How many people the bar chart shows. */
export const CHART_SIZE = 10;

/** YYYY-MM; empty until the server has said which month is current (in the company's time zone). */
export const month = signal('');
export const department = signal('');
/** The table's page of the ranking (PAGE_SIZE places from `offset`). */
export const rows = signal<LeaderboardRow[]>([]);
/** The top of the ranking for the chart: the first page's first rows, kept while the table pages on. */
export const topRows = signal<LeaderboardRow[]>([]);
/** Everyone ranked under the filter (all pages). */
export const total = signal(0);
export const offset = signal(0);
export const PAGE_SIZE = 50;
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

/**
 * Loads a page of the month's ranking (the first unless `page` says which offset); `fresh` also re-reads the
 * announcement (it may have been made meanwhile). The server walks its rank index to the page: no list of everyone.
 */
export async function loadLeaderboard(opts: { fresh?: boolean; page?: number } = {}): Promise<void> {
  const seq = ++rowsSeq;
  if (opts.fresh) snapshotMonth = '';
  const at = opts.page ?? 0;
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(at) });
  if (month.value) params.set('month', month.value);
  const dept = department.value.trim();
  if (dept) params.set('department', dept);
  rowsLoading.value = true;
  try {
    const res = await api.get<{ month: string; rows: LeaderboardRow[]; announced?: boolean; total?: number }>(`/api/leaderboard?${params}`);
    if (seq !== rowsSeq) return; // a newer request superseded this one
    rows.value = res.rows ?? [];
    total.value = res.total ?? rows.value.length;
    offset.value = at;
    if (at === 0) topRows.value = rows.value.slice(0, CHART_SIZE);
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

/** The table's previous or next page (`step` -1 or 1), within the ranking. */
export function turnPage(step: number): void {
  const at = offset.value + step * PAGE_SIZE;
  if (at < 0 || at >= total.value) return;
  void loadLeaderboard({ page: at });
}

/** The announced list's next page, added under what is shown (a snapshot of many people comes 500 at a time). */
export async function loadMoreSnapshot(): Promise<void> {
  const state = snapshot.value;
  if (state.status !== 'ok' || state.snapshot.nextOffset == null) return;
  const seq = snapshotSeq;
  const m = state.snapshot.month;
  try {
    const res = await api.get<LeaderboardSnapshot>(`/api/leaderboard/snapshots/${encodeURIComponent(m)}?offset=${state.snapshot.nextOffset}`);
    const now = snapshot.value;
    if (seq !== snapshotSeq || now.status !== 'ok') return;
    snapshot.value = { status: 'ok', snapshot: { ...now.snapshot, entries: [...now.snapshot.entries, ...(res.entries ?? [])], nextOffset: res.nextOffset ?? null } };
  } catch (err) {
    if (seq === snapshotSeq) snapshot.value = { status: 'error', error: err };
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
  topRows.value = [];
  total.value = 0;
  offset.value = 0;
  rowsError.value = null;
  snapshot.value = { status: 'loading' };
}
