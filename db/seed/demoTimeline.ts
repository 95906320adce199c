/** The demo history's calendar: the eight ISO weeks before the current one, fixed relative to "now". */
import { addLocalDays, localDate, weekKey, weekdayOfWeek } from '../../bot/domain/localTime';

export const HISTORY_WEEKS = 8;

export interface DemoPerson {
  id: number;
  email: string;
  name: string;
  jobFunction: string;
  timezone: string;
  locale: 'zh-CN' | 'en';
  managerId: number | null;
  role: string;
}

export interface DemoWeek {
  /** "2026-W40" */
  periodKey: string;
  /** The Monday (company time zone), YYYY-MM-DD. */
  monday: string;
}

/** Oldest first; the current week is not among them (its standup is the scheduler's to run). */
export function historyWeeks(now: Date, timezone: string): DemoWeek[] {
  const thisMonday = weekdayOfWeek(localDate(now, timezone), 1);
  return Array.from({ length: HISTORY_WEEKS }, (_, i) => {
    const monday = addLocalDays(thisMonday, -7 * (HISTORY_WEEKS - i));
    return { periodKey: weekKey(monday), monday };
  });
}

/** "2026-11" → "2026-10" */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
