import { t } from '../i18n';
import { holidays, holidaysLoading, holidaysYear } from '../store/holidays';
import { HolidayItem } from './HolidayItem';

/** The year's company days in date order, with how many of each kind. */
export function HolidayList({ year }: { year: number }) {
  const list = holidaysYear.value === year ? holidays.value : [];
  if (list.length === 0) {
    return (
      <p class="muted empty" data-testid="holidays-empty">
        {holidaysLoading.value ? t('app.loading') : t('holidays.empty', { year })}
      </p>
    );
  }
  const off = list.filter((h) => h.kind === 'off').length;
  return (
    <div class="holiday-list-wrap">
      <p class="muted small" data-testid="holidays-count">
        {t('holidays.count', { off, work: list.length - off })}
      </p>
      <ul class="holiday-list" data-testid="holiday-list">
        {list.map((h) => (
          <HolidayItem key={h.date} holiday={h} />
        ))}
      </ul>
    </div>
  );
}
