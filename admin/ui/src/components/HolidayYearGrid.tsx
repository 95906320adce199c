import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { HolidayMonth } from './HolidayMonth';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The year at a glance: twelve small months with weekends, national days and company days marked; a day picked fills the form. */
export function HolidayYearGrid({ year }: { year: number }) {
  // Open beside the list on a wide screen; folded away below it on a phone.
  const [open] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 701px)').matches);
  return (
    <details class="year-glance" data-testid="holiday-grid" open={open}>
      <summary>{t('holidays.grid')}</summary>
      <p class="muted small">{t('holidays.gridHint')}</p>
      <ul class="grid-legend small" aria-hidden="true">
        <li>
          <span class="legend-swatch day-off" />
          {t('holidays.kind.off')}
        </li>
        <li>
          <span class="legend-swatch day-work" />
          {t('holidays.kind.work')}
        </li>
        <li>
          <span class="legend-swatch day-national-off" />
          {t('national.legendOff')}
        </li>
        <li>
          <span class="legend-swatch day-national-off day-provisional" />
          {t('national.legendProvisional')}
        </li>
        <li>
          <span class="legend-swatch day-weekend" />
          {t('holidays.weekend')}
        </li>
      </ul>
      <div class="year-months">
        {MONTHS.map((m) => (
          <HolidayMonth key={`${year}-${m}`} year={year} month={m} />
        ))}
      </div>
    </details>
  );
}
