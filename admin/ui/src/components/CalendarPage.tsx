import { t } from '../i18n';
import { HolidaysPanel } from './HolidaysPanel';
import { LeavePanel } from './LeavePanel';

/** Admin/HR: the company's own days off and working days (by year, `#/calendar/2027`), and people's leave. */
export function CalendarPage() {
  return (
    <div class="page calendar-page" data-testid="calendar-page">
      <div class="page-head">
        <h2>{t('calendar.title')}</h2>
        <p class="muted">{t('calendar.subtitle')}</p>
      </div>
      <HolidaysPanel />
      <LeavePanel />
    </div>
  );
}
