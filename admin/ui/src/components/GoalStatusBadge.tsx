import { t } from '../i18n';
import type { GoalStatus } from '../types';

export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  return (
    <span class={`badge goal-status goal-${status}`} data-testid="goal-status" data-status={status}>
      {t(`goals.status.${status}`)}
    </span>
  );
}
