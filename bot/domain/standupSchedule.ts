import type { LeaveSpan, WorkCalendar } from './calendar';
import { weekdayOfWeek, zonedInstant } from './localTime';

export interface StandupTimes {
  weekday: number; // ISO weekday of the standup, 5 = Friday
  promptTime: string; // HH:MM local
  reminderTime: string;
  closeWeekday: number; // ISO weekday of the following week
  closeTime: string;
}

/**
 * The day a person is asked in the week containing `anyDateInWeek`: the configured weekday when it is a
 * working day for them; otherwise the last working day before it in the same week (a holiday Friday asks
 * on Thursday, or Wednesday…); null when the whole stretch is off (holiday week, leave).
 */
export function standupDay(anyDateInWeek: string, times: StandupTimes, cal: WorkCalendar, leaves: LeaveSpan[] = []): string | null {
  for (let wd = times.weekday; wd >= 1; wd--) {
    const date = weekdayOfWeek(anyDateInWeek, wd);
    if (cal.isCompanyWorkday(date)) return cal.isWorkday(date, leaves) ? date : null;
  }
  return null;
}

/** When the round of that week closes: the close weekday of the next week, moved to the next working day. */
export function roundCloseInstant(anyDateInWeek: string, times: StandupTimes, cal: WorkCalendar, tz: string): Date {
  const day = cal.nextWorkday(weekdayOfWeek(anyDateInWeek, times.closeWeekday, 1));
  return zonedInstant(day, times.closeTime, tz);
}

/** Words that mean "no obstacles" in either language. */
const NONE_WORDS = new Set(['none', 'no', 'nothing', 'n/a', 'na', '-', 'nope', '无', '没有', '暂无', '无障碍', '没', '没有障碍', '暂时没有', '无。', '没有。']);

/** A non-empty obstacles answer that is not a way of saying "none" is a blocker the manager hears about at once. */
export function isBlocker(answer: string | null | undefined): boolean {
  if (!answer) return false;
  const normalised = answer.trim().toLowerCase().replace(/[.!。！~]+$/u, '');
  return normalised.length > 0 && !NONE_WORDS.has(normalised);
}
