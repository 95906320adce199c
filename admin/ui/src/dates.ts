/** Calendar-date helpers for YYYY-MM-DD strings (ISO weeks, as the server keys them), in UTC arithmetic. */

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (date: string, days: number): string => fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));

/** Today's date where the browser is, YYYY-MM-DD. */
export function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The Monday of the ISO week of `date`. */
export function mondayOf(date: string): string {
  const weekday = (toUtc(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

/** "2026-W48", as the server keys weeks (the ISO week of a YYYY-MM-DD date). */
export function weekKey(date: string): string {
  const thursday = toUtc(addDays(mondayOf(date), 3)); // the week belongs to the year of its Thursday
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The last `weeks` ISO weeks up to `today`: from that first week's Monday to today. */
export function lastWeeks(today: string, weeks = 12): { from: string; to: string } {
  return { from: addDays(mondayOf(today), -7 * (weeks - 1)), to: today };
}

/** Every ISO week touching [from, to], oldest first, with its Monday; at most `cap` of them (the latest). */
export function weeksBetween(from: string, to: string, cap = 104): { week: string; monday: string }[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return [];
  const out: { week: string; monday: string }[] = [];
  const last = mondayOf(to);
  for (let monday = mondayOf(from); monday <= last; monday = addDays(monday, 7)) out.push({ week: weekKey(monday), monday });
  return out.slice(-cap);
}

/** The calendar year of a YYYY-MM-DD date. */
export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Day of the week of `date`: Monday 0 … Sunday 6 (weeks start on Monday in China). */
export const weekdayOf = (date: string): number => (toUtc(date).getUTCDay() + 6) % 7;

/** Saturday or Sunday. */
export const isWeekend = (date: string): boolean => weekdayOf(date) >= 5;

/** How many days a month has (month 1–12). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "2027-01-05" from its parts (month 1–12). */
export const dateOf = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

/** Calendar days from `from` to `to`, both counted (1 for a single day). */
export const daysInclusive = (from: string, to: string): number => Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS) + 1;

/** `months` calendar months from the first of `today`'s month to the last day of the last one. */
export function monthsFrom(today: string, months = 3): { from: string; to: string } {
  const year = yearOf(today);
  const month = Number(today.slice(5, 7));
  const last = new Date(Date.UTC(year, month - 1 + months, 0)); // day 0 = the last day of the month before
  return { from: dateOf(year, month, 1), to: fromUtc(last) };
}
