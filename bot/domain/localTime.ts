import { TZDate } from '@date-fns/tz';
// One module per function: the package's index loads all ~250 of them (~10 MB of RSS for the nine used here).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { getISODay } from 'date-fns/getISODay';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { parseISO } from 'date-fns/parseISO';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone (formatters cached: passes ask per person). */
export function localDate(instant: Date, tz: string): string {
  let f = dateFormats.get(tz);
  if (!f) dateFormats.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(instant);
}

/** The UTC instant of a wall-clock time (HH:MM) on a local date in a time zone; DST-correct. */
export function zonedInstant(date: string, hhmm: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = hhmm.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, h, min, tz).getTime());
}

/** ISO week key such as "2026-W48" of a local date. */
export function weekKey(date: string): string {
  const d = parseISO(date);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

/** The local date of ISO weekday (1 = Monday … 7 = Sunday) in the week of `date`, shifted by whole weeks. */
export function weekdayOfWeek(date: string, isoWeekday: number, weekOffset = 0): string {
  const monday = startOfISOWeek(parseISO(date));
  return format(addDays(monday, isoWeekday - 1 + weekOffset * 7), 'yyyy-MM-dd');
}

/** Calendar arithmetic on a YYYY-MM-DD date (no time zone involved: a date is a date). */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function isoWeekday(date: string): number {
  return getISODay(parseISO(date));
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock HH:MM of an instant in a time zone (formatters cached per zone). */
export function localClock(now: Date, tz: string): string {
  let f = clocks.get(tz);
  if (!f) clocks.set(tz, (f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return f.format(now);
}
