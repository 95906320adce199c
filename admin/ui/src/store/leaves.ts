import { computed, signal } from '@preact/signals';
import { api } from '../api';
import { monthsFrom, todayLocal } from '../dates';
import type { Leave, LeaveInput, Person } from '../types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A whole e-mail address: the filter then asks the server (`&email=`); anything shorter filters what is loaded. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The default range: this month and the next two. */
export const DEFAULT_MONTHS = 3;

export const leaveFrom = signal('');
export const leaveTo = signal('');
/** The filter box: part of a name or e-mail, or a whole e-mail. */
export const leaveFilter = signal('');
export const leaves = signal<Leave[]>([]);
export const leavesLoading = signal(false);
export const leavesError = signal<unknown>(null);
/** The leave being removed. */
export const removingLeave = signal<number | null>(null);

export type LeaveOutcome =
  | { action: 'added'; leave: Leave; listed: boolean }
  | { action: 'removed'; leave: Leave }
  | { action: 'removeFailed'; leave: Leave; error: unknown };
/** What was done last, for the confirmation line. */
export const leaveOutcome = signal<LeaveOutcome | null>(null);

/** People whose name or e-mail matches what is typed in the form's e-mail field. */
export const leaveSuggestions = signal<Person[]>([]);

let seq = 0;
let filterTimer: ReturnType<typeof setTimeout> | undefined;
let suggestTimer: ReturnType<typeof setTimeout> | undefined;
let suggestSeq = 0;

const filterEmail = (): string | null => {
  const value = leaveFilter.value.trim().toLowerCase();
  return EMAIL.test(value) ? value : null;
};

export async function loadLeaves(): Promise<void> {
  if (!leaveFrom.value || !leaveTo.value) {
    const range = monthsFrom(todayLocal(), DEFAULT_MONTHS);
    leaveFrom.value = range.from;
    leaveTo.value = range.to;
  }
  const mine = ++seq;
  leavesLoading.value = true;
  try {
    const params = new URLSearchParams({ from: leaveFrom.value, to: leaveTo.value });
    const email = filterEmail();
    if (email) params.set('email', email);
    const res = await api.get<{ leaves: Leave[] }>(`/api/leaves?${params}`);
    if (mine !== seq) return;
    leaves.value = res.leaves ?? [];
    leavesError.value = null;
  } catch (err) {
    if (mine === seq) leavesError.value = err;
  } finally {
    if (mine === seq) leavesLoading.value = false;
  }
}

/** The leave listed: what the server sent, narrowed by a partial name or e-mail in the filter box. */
export const visibleLeaves = computed(() => {
  const q = leaveFilter.value.trim().toLowerCase();
  if (!q || EMAIL.test(q)) return leaves.value;
  return leaves.value.filter((l) => l.email.toLowerCase().includes(q) || l.name.toLowerCase().includes(q));
});

/** Changes one end of the range and reloads when the range is whole and in order. */
export function setLeaveRange(which: 'from' | 'to', value: string): void {
  (which === 'from' ? leaveFrom : leaveTo).value = value;
  if (DATE.test(leaveFrom.value) && DATE.test(leaveTo.value) && leaveFrom.value <= leaveTo.value) void loadLeaves();
}

/** Back to this month and the next two. */
export function resetLeaveRange(): void {
  leaveFrom.value = '';
  leaveTo.value = '';
  void loadLeaves();
}

/** Update the filter box; the server is asked again (after a pause in typing) when a whole e-mail comes or goes. */
export function setLeaveFilter(value: string): void {
  const before = filterEmail();
  leaveFilter.value = value;
  clearTimeout(filterTimer);
  if (filterEmail() !== before) filterTimer = setTimeout(() => void loadLeaves(), 300);
}

/** Records leave (POST), then reloads the list. Throws the server's ApiError (400 dates, 404 unknown e-mail). */
export async function addLeave(input: LeaveInput): Promise<void> {
  const saved = await api.post<{ id: number; startDate: string; endDate: string; reason: string | null }>('/api/leaves', input);
  await loadLeaves();
  const listed = visibleLeaves.value.find((l) => l.id === saved.id);
  const name = leaveSuggestions.value.find((p) => p.email.toLowerCase() === input.email.toLowerCase())?.name ?? input.email;
  leaveOutcome.value = { action: 'added', leave: listed ?? { ...saved, email: input.email, name }, listed: !!listed };
}

/** Removes leave (DELETE), then reloads the list; the outcome says how it went. */
export async function removeLeave(leave: Leave): Promise<void> {
  removingLeave.value = leave.id;
  try {
    await api.delete(`/api/leaves/${encodeURIComponent(leave.id)}`);
    leaveOutcome.value = { action: 'removed', leave };
  } catch (err) {
    leaveOutcome.value = { action: 'removeFailed', leave, error: err };
  } finally {
    removingLeave.value = null;
    await loadLeaves();
  }
}

/** Looks up people for the form's e-mail field (after a short pause in typing). */
export function suggestPeople(q: string): void {
  clearTimeout(suggestTimer);
  const query = q.trim();
  if (query.length < 1) {
    leaveSuggestions.value = [];
    return;
  }
  suggestTimer = setTimeout(async () => {
    const mine = ++suggestSeq;
    try {
      const res = await api.get<{ people: Person[] }>(`/api/people?${new URLSearchParams({ q: query, limit: '8' })}`);
      if (mine === suggestSeq) leaveSuggestions.value = res.people ?? [];
    } catch {
      if (mine === suggestSeq) leaveSuggestions.value = []; // suggestions are a convenience; typing still works
    }
  }, 250);
}

/** Forget everything (on logout). */
export function resetLeaves(): void {
  seq++;
  suggestSeq++;
  clearTimeout(filterTimer);
  clearTimeout(suggestTimer);
  leaveFrom.value = '';
  leaveTo.value = '';
  leaveFilter.value = '';
  leaves.value = [];
  leavesError.value = null;
  leaveOutcome.value = null;
  leaveSuggestions.value = [];
  removingLeave.value = null;
}
