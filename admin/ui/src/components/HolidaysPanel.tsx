import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { calendarYear, holidayDraft, holidaysError, loadHolidays } from '../store/holidays';
import { loadNationalDays } from '../store/nationalDays';
import { warnings } from '../store/status';
import { HolidayForm } from './HolidayForm';
import { HolidayList } from './HolidayList';
import { HolidayOutcome } from './HolidayOutcome';
import { HolidayYearGrid } from './HolidayYearGrid';
import { NationalDayList } from './NationalDayList';
import { YearSwitch } from './YearSwitch';

/** The company days of one year: the form, the sorted list, China's national days beside them and the year at a glance. */
export function HolidaysPanel() {
  const year = calendarYear.value;
  useEffect(() => {
    void loadHolidays(year);
    void loadNationalDays(year);
  }, [year]);

  // The server warns when China's holidays for a year are not in its data yet: say what to do here.
  const missing = warnings.value.some((w) => w.code === 'holidays_missing' && String(w.params?.year) === String(year));
  const draft = holidayDraft.value;
  return (
    <section class="card panel holidays-panel" data-testid="holidays-panel" data-year={year} aria-labelledby="holidays-title">
      <div class="panel-head">
        <h3 id="holidays-title">{t('holidays.title', { year })}</h3>
        <YearSwitch year={year} />
      </div>
      <p class="muted small panel-hint">{t('holidays.hint')}</p>
      {missing && (
        <p class="notice notice-warning" role="note" data-testid="holidays-missing">
          {t('holidays.missing', { year })}
        </p>
      )}
      <div class="holidays-layout">
        <div class="holidays-main">
          <HolidayForm key={`${year}:${draft?.seq ?? 0}`} year={year} draft={draft} />
          <HolidayOutcome />
          {holidaysError.value ? (
            <p class="error" role="alert" data-testid="holidays-error">
              {errorText(holidaysError.value)}
            </p>
          ) : null}
          <HolidayList year={year} />
          <NationalDayList year={year} />
        </div>
        <HolidayYearGrid year={year} />
      </div>
    </section>
  );
}
