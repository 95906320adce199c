import { signal } from '@preact/signals';
import { api } from '../api';
import type { LogEntry } from '../apiShapes';
import { lastWeeks, todayLocal } from '../dates';
import { locale } from '../i18n';

export const LOG_WEEKS = 12;

export interface PersonLog {
  entries: LogEntry[];
  loading: boolean;
  error: unknown;
}

/** Progress logs read so far, by e-mail: the last LOG_WEEKS weeks, newest week first. */
export const logs = signal<Record<string, PersonLog>>({});

const put = (email: string, log: PersonLog) => (logs.value = { ...logs.value, [email]: log });

export async function loadLog(email: string): Promise<void> {
  const { from, to } = lastWeeks(todayLocal(), LOG_WEEKS);
  put(email, { entries: logs.value[email]?.entries ?? [], loading: true, error: null });
  try {
    const params = new URLSearchParams({ from, to, email, locale: locale.value }); // the questions in the console's language
    const res = await api.get<{ entries: LogEntry[] }>(`/api/progress-log?${params}`);
    const entries = [...(res.entries ?? [])].sort((a, b) => b.week.localeCompare(a.week));
    put(email, { entries, loading: false, error: null });
  } catch (err) {
    put(email, { entries: [], loading: false, error: err });
  }
}

export function resetLogs(): void {
  logs.value = {};
}
