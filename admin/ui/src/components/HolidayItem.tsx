import { isWeekend } from '../dates';
import { formatDate, formatWeekday } from '../format';
import { t } from '../i18n';
import { editHoliday, removeHoliday, removingHoliday } from '../store/holidays';
import type { Holiday } from '../types';

/** One company day: date and weekday, name, kind; change it in the form, or remove it. */
export function HolidayItem({ holiday }: { holiday: Holiday }) {
  const busy = removingHoliday.value !== null;
  return (
    <li class={`holiday-item kind-${holiday.kind}`} data-testid="holiday-item" data-date={holiday.date} data-kind={holiday.kind}>
      <span class="holiday-when">
        <span class="holiday-date" data-testid="holiday-date">
          {formatDate(holiday.date, 'short')}
        </span>
        <span class={isWeekend(holiday.date) ? 'holiday-weekday weekend' : 'holiday-weekday'} data-testid="holiday-weekday">
          {formatWeekday(holiday.date)}
        </span>
      </span>
      <span class="holiday-name" data-testid="holiday-name">
        {holiday.name}
      </span>
      <span class={`badge holiday-kind kind-${holiday.kind}`} data-testid="holiday-kind">
        {t(`holidays.kind.${holiday.kind}`)}
      </span>
      <span class="holiday-actions">
        <button type="button" class="link-button" data-testid="holiday-edit" onClick={() => editHoliday({ date: holiday.date, name: holiday.name, kind: holiday.kind })}>
          {t('holidays.edit')}
        </button>
        <button type="button" class="link-button danger" data-testid="holiday-remove" disabled={busy} onClick={() => void removeHoliday(holiday)}>
          {removingHoliday.value === holiday.date ? t('holidays.removing') : t('holidays.remove')}
        </button>
      </span>
    </li>
  );
}
