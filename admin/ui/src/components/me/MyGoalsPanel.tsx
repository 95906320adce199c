import { errorText } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { t } from '../../i18n';
import { myGoals } from '../../store/myGoals';
import { GoalProgress } from '../GoalProgress';
import { GoalStatusBadge } from '../GoalStatusBadge';
import { GoalCheckInForm } from './GoalCheckInForm';

/** My own goals, each with its progress against the even pace and a check-in form. */
export function MyGoalsPanel() {
  const goals = myGoals.data.value;
  return (
    <section class="card panel" data-testid="my-goals" aria-labelledby="my-goals-title">
      <h3 id="my-goals-title">{t('me.goals.title')}</h3>
      {myGoals.error.value ? <p class="error" role="alert">{errorText(myGoals.error.value)}</p> : null}
      {!goals || goals.length === 0 ? (
        <p class="muted" data-testid="my-goals-empty">
          {myGoals.loading.value || !goals ? t('app.loading') : t('me.goals.empty')}
        </p>
      ) : (
        <ul class="my-goal-list">
          {goals.map((g) => (
            <li key={g.id} class="my-goal" data-testid="my-goal" data-goal={g.id}>
              <div class="my-goal-head">
                <strong class="goal-title">{g.title}</strong>
                {g.kind === 'development' && <span class="badge badge-auto" data-testid="goal-development">{t('me.goals.development')}</span>}
                <GoalStatusBadge status={g.status} />
              </div>
              <GoalProgress progress={g.progress} expected={g.expected} status={g.status} large />
              <p class="muted small my-goal-facts">
                {t('goals.valuesText', { current: formatNumber(g.currentValue), target: formatNumber(g.targetValue), unit: g.unit ? ` ${g.unit}` : '', start: formatNumber(g.startValue) })}
                {' · '}
                {g.nextCheckpoint ? t('goals.nextCheckIn', { date: formatDate(g.nextCheckpoint) }) : t('goals.noNextCheckIn')}
              </p>
              <details class="my-goal-checkin">
                <summary data-testid="checkin-open">{t('me.goals.checkIn')}</summary>
                <GoalCheckInForm goal={g} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
