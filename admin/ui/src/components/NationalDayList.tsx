import { formatDayRange } from '../format';
import { locale, t } from '../i18n';
import { nationalCalendar, nationalRuns } from '../store/nationalDays';

/**
 * China's national days of the year beside the company days: the published holidays and make-up workdays, or —
 * before the State Council's notice is in the data — the statutory days computed from the lunar calendar, marked
 * provisional.
 */
export function NationalDayList({ year }: { year: number }) {
  const cal = nationalCalendar.value;
  if (!cal || cal.year !== year) return null;
  return (
    <section class="national-days" data-testid="national-days" data-published={String(cal.published)} aria-labelledby="national-days-title">
      <h4 id="national-days-title">
        {t('national.title', { year })}{' '}
        {!cal.published && (
          <span class="badge badge-provisional" data-testid="national-provisional">
            {t('national.provisional')}
          </span>
        )}
      </h4>
      <p class="muted small">{t(cal.published ? 'national.publishedHint' : 'national.provisionalHint', { year })}</p>
      <ul class="holiday-list" data-testid="national-list">
        {nationalRuns.value.map((r) => (
          <li key={r.from} class={`holiday-item national-item kind-${r.kind}${r.provisional ? ' national-provisional' : ''}`} title={r.provisional ? t('national.provisional') : undefined} data-testid="national-item" data-from={r.from} data-to={r.to} data-kind={r.kind} data-provisional={String(r.provisional)}>
            <span class="holiday-when">
              <span class="holiday-date">{formatDayRange(r.from, r.to)}</span>
            </span>
            <span class="holiday-name" data-testid="national-name">
              {r.name[locale.value]}
              {r.days > 1 && <span class="muted small national-span">{t('national.days', { days: r.days })}</span>}
            </span>
            <span class={`badge holiday-kind kind-${r.kind}`}>{t(`national.kind.${r.kind}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
