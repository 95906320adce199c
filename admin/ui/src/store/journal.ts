import { signal } from '@preact/signals';
import { api } from '../api';
import type { LogEntry } from '../apiShapes';
import { mondayOf, todayLocal, weekKey } from '../dates';
import { locale } from '../i18n';

/** The progress log page's filters: a range of ISO weeks, one person (e-mail) and one department, or everyone. */
export interface JournalFilters {
  fromWeek: string;
  toWeek: string;
  email: string;
  department: string;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The Monday of an ISO week key ("2026-W48" → "2026-11-23"): week 1 is the week of 4 January. */
export function mondayOfWeek(week: string): string | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  return addDays(mondayOf(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7);
}

const defaults = (): JournalFilters => {
  const today = todayLocal();
  return { fromWeek: weekKey(addDays(today, -21)), toWeek: weekKey(today), email: '', department: '' };
};

export const journalFilters = signal<JournalFilters>(defaults());
export const journalEntries = signal<LogEntry[]>([]);
export const journalLoading = signal(false);
export const journalError = signal<unknown>(null);

/** The progress-log query of the filters: Monday of the first week to Sunday of the last; null while incomplete. */
export function journalQuery(format?: 'csv' | 'xlsx'): string | null {
  const f = journalFilters.value;
  const from = mondayOfWeek(f.fromWeek);
  const lastMonday = mondayOfWeek(f.toWeek);
  if (!from || !lastMonday || from > lastMonday) return null;
  const q = new URLSearchParams({ from, to: addDays(lastMonday, 6), locale: locale.value });
  if (f.email.trim()) q.set('email', f.email.trim());
  if (f.department.trim()) q.set('department', f.department.trim());
  if (format) q.set('format', format);
  return q.toString();
}

let seq = 0;

export async function loadJournal(): Promise<void> {
  const query = journalQuery();
  if (!query) return;
  const mine = ++seq;
  journalLoading.value = true;
  try {
    const res = await api.get<{ entries: LogEntry[] }>(`/api/progress-log?${query}`);
    if (mine !== seq) return;
    journalEntries.value = res.entries;
    journalError.value = null;
  } catch (err) {
    if (mine === seq) journalError.value = err;
  } finally {
    if (mine === seq) journalLoading.value = false;
  }
}

export function setJournalFilters(next: Partial<JournalFilters>): void {
  journalFilters.value = { ...journalFilters.value, ...next };
  void loadJournal();
}

/** The entries by week, newest week first, people by name within a week. */
export function byWeek(entries: LogEntry[]): { week: string; dueDate: string; entries: LogEntry[] }[] {
  const weeks = new Map<string, LogEntry[]>();
  for (const e of entries) weeks.set(e.week, [...(weeks.get(e.week) ?? []), e]);
  return [...weeks]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([week, list]) => ({ week, dueDate: list[0].dueDate, entries: [...list].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) }));
}

export function resetJournal(): void {
  seq++;
  journalFilters.value = defaults();
  journalEntries.value = [];
  journalError.value = null;
}

