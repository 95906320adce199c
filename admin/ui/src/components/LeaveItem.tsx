import { daysInclusive } from '../dates';
import { formatDayRange } from '../format';
import { t } from '../i18n';
import { removeLeave, removingLeave } from '../store/leaves';
import type { Leave } from '../types';

/** One person's leave: who, when (and for how many days), why; remove it. */
export function LeaveItem({ leave }: { leave: Leave }) {
  const busy = removingLeave.value !== null;
  return (
    <li class="leave-item" data-testid="leave-item" data-id={leave.id} data-email={leave.email}>
      <div class="leave-who">
        <strong data-testid="leave-name">{leave.name}</strong>
        <span class="cell-sub">{leave.email}</span>
      </div>
      <div class="leave-when">
        <span data-testid="leave-dates">{formatDayRange(leave.startDate, leave.endDate)}</span>
        <span class="badge" data-testid="leave-days">
          {t('leaves.days', { days: daysInclusive(leave.startDate, leave.endDate) })}
        </span>
      </div>
      {leave.reason && (
        <div class="leave-reason" data-testid="leave-reason">
          {leave.reason}
        </div>
      )}
      <button type="button" class="link-button danger leave-remove" data-testid="leave-remove" disabled={busy} onClick={() => void removeLeave(leave)}>
        {removingLeave.value === leave.id ? t('leaves.removing') : t('leaves.remove')}
      </button>
    </li>
  );
}
