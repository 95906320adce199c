import { hasKey, locale, t } from './i18n';

/** A date and time in the console's language, or '' for a missing or unreadable value. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Picks the Chinese or English name for the console's language. */
export function localName(zh: string, en: string): string {
  return locale.value === 'en' ? en || zh : zh || en;
}

/** "Gift" or "Time off · 4 h". */
export function kindLabel(kind: string, hours: number | null | undefined): string {
  if (kind === 'time_off') return hours ? t('rewards.kind.timeOffHours', { hours }) : t('rewards.kind.time_off');
  return hasKey(`rewards.kind.${kind}`) ? t(`rewards.kind.${kind}`) : kind;
}

/** A calendar date (YYYY-MM-DD, no time zone) in the console's language, or '' when unreadable. */
export function formatDate(value: string | null | undefined, style: 'medium' | 'short' = 'medium'): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions =
    style === 'short' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale.value, options).format(date);
}

/** A number with at most `digits` decimals, in the console's language. */
export function formatNumber(value: number, digits = 2): string {
  return new Intl.NumberFormat(locale.value, { maximumFractionDigits: digits }).format(value);
}

/** 0–100 → "33.3%". */
export function formatPercent(value: number): string {
  return `${formatNumber(value, 1)}%`;
}

/** A 0–1 share → "33%"; '—' for null (nothing was due). */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${formatNumber(rate * 100, 0)}%`;
}

/** The day of the week of a calendar date (YYYY-MM-DD) in the console's language: "周五" / "Fri"; '' when unreadable. */
export function formatWeekday(value: string, style: 'short' | 'narrow' = 'short'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale.value, { weekday: style, timeZone: 'UTC' }).format(date);
}

/** A month's name in the console's language: "1月" / "Jan" (month 1–12). */
export function formatMonthName(year: number, month: number): string {
  return new Intl.DateTimeFormat(locale.value, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A date with its weekday: "2027年1月1日（周五）" / "Fri, Jan 1, 2027"; '' when unreadable. */
export function formatDay(value: string): string {
  const date = formatDate(value);
  return date ? t('calendar.day', { date, weekday: formatWeekday(value) }) : '';
}

/** "first – last" (each with its weekday), or the one day. */
export function formatDayRange(from: string, to: string): string {
  return from === to ? formatDay(from) : t('calendar.range', { from: formatDay(from), to: formatDay(to) });
}
