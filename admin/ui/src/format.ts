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
