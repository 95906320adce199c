// One module per function: the package's index loads all ~250 of them (~10 MB of RSS for the nine used here).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { parseISO } from 'date-fns/parseISO';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

/** A reviewed period: inclusive local dates. */
export interface DateRange {
  start: string;
  end: string;
}

/**
 * The period keys a date range is made of: its own month or quarter key when it is exactly one ("2026-11",
 * "2026-Q4"), and the finer keys inside it — the months of a quarter, and the ISO weeks whose Thursday falls in
 * the range (the ISO rule for which year, and here which period, a week belongs to).
 */
export function periodKeys(range: DateRange): { own: string | null; parts: string[] } {
  const start = parseISO(range.start);
  const end = parseISO(range.end);
  const months: string[] = [];
  for (let d = new Date(start.getFullYear(), start.getMonth(), 1); d <= end; d = new Date(d.getFullYear(), d.getMonth() + 1, 1)) {
    months.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  const weeks: string[] = [];
  // the Monday on or before the start, then every week whose Thursday is inside the range
  const monday = addDays(start, -((start.getDay() + 6) % 7));
  for (let d = monday; d <= end; d = addDays(d, 7)) {
    const thursday = addDays(d, 3);
    if (thursday >= start && thursday <= end) weeks.push(`${getISOWeekYear(thursday)}-W${String(getISOWeek(thursday)).padStart(2, '0')}`);
  }
  const own = ownKey(range, months);
  return { own, parts: [...(own && months.length === 1 ? [] : months), ...weeks] };
}

function ownKey(range: DateRange, months: string[]): string | null {
  const first = `${months[0]}-01`;
  const lastMonth = parseISO(`${months.at(-1)}-01`);
  const lastDay = addDays(new Date(lastMonth.getFullYear(), lastMonth.getMonth() + 1, 1), -1);
  const last = `${lastDay.getFullYear()}-${String(lastDay.getMonth() + 1).padStart(2, '0')}-${String(lastDay.getDate()).padStart(2, '0')}`;
  if (range.start !== first || range.end !== last) return null;
  if (months.length === 1) return months[0];
  const m = Number(months[0].slice(5));
  if (months.length === 3 && (m - 1) % 3 === 0) return `${months[0].slice(0, 4)}-Q${(m - 1) / 3 + 1}`;
  return null;
}

const PERIOD_KEY = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4])|W(0[1-9]|[1-4]\d|5[0-3]))$/;

/**
 * Whether a metric's period key is well formed: a month `2026-11`, a quarter `2026-Q4` or an ISO week `2026-W48`
 * (week 53 only in the years that have one).
 */
export function isPeriodKey(key: string): boolean {
  const m = PERIOD_KEY.exec(key);
  if (!m) return false;
  if (m[4] === '53') return getISOWeeksInYear(new Date(Number(m[1]), 0, 4)) === 53;
  return true;
}

export const PERIOD_KEY_HINT = 'a period is YYYY-MM, YYYY-Qn or YYYY-Www (e.g. 2026-11, 2026-Q4, 2026-W48)';

/** The dates a well-formed period key covers: a month, a quarter, or an ISO week (Monday to Sunday). */
export function periodRange(key: string): DateRange {
  const m = PERIOD_KEY.exec(key);
  if (!m) throw new Error(`not a period key: ${key}`);
  const year = Number(m[1]);
  const day = (d: Date) => format(d, 'yyyy-MM-dd');
  if (m[2]) return { start: `${m[1]}-${m[2]}-01`, end: day(lastDayOfMonth(new Date(year, Number(m[2]) - 1, 1))) };
  if (m[3]) {
    const first = (Number(m[3]) - 1) * 3;
    return { start: day(new Date(year, first, 1)), end: day(lastDayOfMonth(new Date(year, first + 2, 1))) };
  }
  const monday = addDays(startOfISOWeek(new Date(year, 0, 4)), (Number(m[4]) - 1) * 7);
  return { start: day(monday), end: day(addDays(monday, 6)) };
}
