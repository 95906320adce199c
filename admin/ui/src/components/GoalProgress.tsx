import { formatPercent } from '../format';
import { t } from '../i18n';
import type { GoalStatus } from '../types';

const clamp = (v: number) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0));

/** A progress bar coloured by status, with a tick where the goal should be by today. */
export function GoalProgress({ progress, expected, status, large }: { progress: number; expected: number; status: GoalStatus; large?: boolean }) {
  const label = t('goals.progressText', { progress: formatPercent(progress), expected: formatPercent(expected) });
  return (
    <span
      class={`goal-progress goal-${status}${large ? ' large' : ''}`}
      data-testid="goal-progress"
      data-progress={progress}
      data-expected={expected}
      title={label}
    >
      <span class="goal-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={clamp(progress)} aria-valuetext={label}>
        <span class="goal-progress-fill" style={{ width: `${clamp(progress)}%` }} />
        <span class="goal-progress-expected" data-testid="goal-expected" style={{ left: `${clamp(expected)}%` }} />
      </span>
      <span class="goal-progress-value" data-testid="goal-progress-value">
        {formatPercent(progress)}
      </span>
    </span>
  );
}
