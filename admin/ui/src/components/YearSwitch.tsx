import { t } from '../i18n';
import { MAX_YEAR, MIN_YEAR, thisYear } from '../store/holidays';
import { hrefOf } from '../store/route';

/** The year the company days are shown for, as links (`#/calendar/2027`): the one before, this year, next year, the one after. */
export function YearSwitch({ year }: { year: number }) {
  const now = thisYear();
  const years = [...new Set([now, now + 1, year])].sort((a, b) => a - b);
  const tag = (y: number) => (y === now ? t('holidays.thisYear') : y === now + 1 ? t('holidays.nextYearTag') : '');
  const href = (y: number) => hrefOf('calendar', String(y));
  return (
    <nav class="segmented year-switch" aria-label={t('holidays.years')} data-testid="year-switch">
      {year > MIN_YEAR && (
        <a href={href(year - 1)} data-testid="year-prev" aria-label={t('holidays.prevYear')} title={t('holidays.prevYear')}>
          ‹
        </a>
      )}
      {years.map((y) => (
        <a key={y} href={href(y)} data-testid="year-link" data-year={y} aria-current={y === year ? 'page' : undefined}>
          {y}
          {tag(y) && <span class="year-tag">{tag(y)}</span>}
        </a>
      ))}
      {year < MAX_YEAR && (
        <a href={href(year + 1)} data-testid="year-next" aria-label={t('holidays.nextYear')} title={t('holidays.nextYear')}>
          ›
        </a>
      )}
    </nav>
  );
}
