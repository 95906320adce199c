import { errorText } from '../errors';
import { formatDayRange } from '../format';
import { t } from '../i18n';
import { leaveOutcome } from '../store/leaves';

/** What the last added or removed leave did. */
export function LeaveOutcome() {
  const outcome = leaveOutcome.value;
  if (!outcome) return null;
  const params = { name: outcome.leave.name, dates: formatDayRange(outcome.leave.startDate, outcome.leave.endDate) };
  if (outcome.action === 'removeFailed') {
    return (
      <p class="notice notice-error" role="alert" data-testid="leave-outcome" data-action={outcome.action} data-id={outcome.leave.id}>
        {t('leaves.removeFailed', { ...params, error: errorText(outcome.error) })}
      </p>
    );
  }
  const hidden = outcome.action === 'added' && !outcome.listed;
  return (
    <p class="notice notice-ok" role="status" data-testid="leave-outcome" data-action={outcome.action} data-id={outcome.leave.id}>
      {t(outcome.action === 'added' ? 'leaves.added' : 'leaves.removed', params)}
      {hidden && ` ${t('leaves.outsideRange')}`}
    </p>
  );
}
