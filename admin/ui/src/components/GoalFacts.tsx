import { formatDate, formatNumber } from '../format';
import { locale, t } from '../i18n';
import { metricDefinitions } from '../store/reviewCatalogue';
import type { GoalView } from '../types';
import { GoalProgress } from './GoalProgress';
import { GoalStatusBadge } from './GoalStatusBadge';

/** The open goal's figures: owner, progress against expected, values, weight, period and cadence. */
export function GoalFacts({ goal }: { goal: GoalView }) {
  const unit = goal.unit ? ` ${goal.unit}` : '';
  return (
    <div class="goal-facts">
      <p class="goal-facts-sub muted small">
        <span data-testid="goal-ref">{goal.ref}</span> · {t(`goals.level.${goal.level}`)}
        {goal.department && ` · ${goal.department}`}
      </p>
      <GoalProgress progress={goal.progress} expected={goal.expected} status={goal.status} large />
      <dl class="facts">
        <div>
          <dt>{t('goals.owner')}</dt>
          <dd data-testid="goal-detail-owner">
            {goal.owner.name} <span class="muted small">{goal.owner.email}</span>
          </dd>
        </div>
        <div>
          <dt>{t('goals.statusLabel')}</dt>
          <dd>
            <GoalStatusBadge status={goal.status} />
            {goal.suggestedStatus !== goal.status && (
              <span class="muted small" data-testid="goal-suggested">
                {' '}
                {t('goals.suggested', { status: t(`goals.status.${goal.suggestedStatus}`) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('goals.values')}</dt>
          <dd data-testid="goal-values">
            {t('goals.valuesText', {
              current: formatNumber(goal.currentValue),
              target: formatNumber(goal.targetValue),
              start: formatNumber(goal.startValue),
              unit,
            })}
          </dd>
        </div>
        {goal.metric && (
          <div>
            <dt>{t('goals.metric')}</dt>
            <dd data-testid="goal-metric">
              {t('goals.metricFollows', { metric: metricDefinitions.data.value?.find((d) => d.key === goal.metric)?.label[locale.value] ?? goal.metric })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('goals.expectedLabel')}</dt>
          <dd>{t('goals.expectedText', { expected: formatNumber(goal.expected, 1) })}</dd>
        </div>
        <div>
          <dt>{t('goals.weight')}</dt>
          <dd data-testid="goal-weight">{formatNumber(goal.weight)}</dd>
        </div>
        <div>
          <dt>{t('goals.period')}</dt>
          <dd>{t('goals.periodText', { start: formatDate(goal.periodStart), end: formatDate(goal.periodEnd) })}</dd>
        </div>
        <div>
          <dt>{t('goals.cadence')}</dt>
          <dd>{t('goals.cadenceText', { days: goal.checkinEveryDays })}</dd>
        </div>
        <div>
          <dt>{t('goals.next')}</dt>
          <dd data-testid="goal-detail-next">{goal.nextCheckpoint ? formatDate(goal.nextCheckpoint) : t('goals.noNextCheckIn')}</dd>
        </div>
      </dl>
    </div>
  );
}
