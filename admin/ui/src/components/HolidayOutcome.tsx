import { errorText } from '../errors';
import { formatDay } from '../format';
import { t } from '../i18n';
import { holidayOutcome } from '../store/holidays';

/** What the last save or removal of a company day did. */
export function HolidayOutcome() {
  const outcome = holidayOutcome.value;
  if (!outcome) return null;
  const h = outcome.holiday;
  const params = { day: formatDay(h.date), name: h.name, kind: t(`holidays.kind.${h.kind}`) };
  if (outcome.action === 'removeFailed') {
    return (
      <p class="notice notice-error" role="alert" data-testid="holiday-outcome" data-action={outcome.action} data-date={h.date}>
        {t('holidays.removeFailed', { ...params, error: errorText(outcome.error) })}
      </p>
    );
  }
  return (
    <p class="notice notice-ok" role="status" data-testid="holiday-outcome" data-action={outcome.action} data-date={h.date}>
      {t(outcome.action === 'saved' ? 'holidays.saved' : 'holidays.removed', params)}
    </p>
  );
}
