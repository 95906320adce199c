import type { TeamWeek } from '../../apiShapes';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { GoalProgress } from '../GoalProgress';
import { GoalStatusBadge } from '../GoalStatusBadge';

/** The team's goals with their progress against the even pace (the tick). */
export function TeamGoals({ week }: { week: TeamWeek }) {
  return (
    <section class="card panel" data-testid="team-goals" aria-labelledby="team-goals-title">
      <h3 id="team-goals-title">{t('team.goals')}</h3>
      {week.goals.length === 0 ? (
        <p class="muted small">{t('team.noGoals')}</p>
      ) : (
        <ul class="my-goal-list">
          {week.goals.map(({ status, ...g }) => (
            <li key={g.id} class="my-goal" data-testid="team-goal" data-goal={g.id}>
              <div class="my-goal-head">
                <strong class="goal-title">{g.title}</strong>
                <GoalStatusBadge status={status} />
              </div>
              <GoalProgress progress={g.progress} expected={g.expected} status={status} large />
              <p class="muted small">
                {[g.owner?.name, t(`goals.level.${g.level}`), t('team.periodEnd', { date: formatDate(g.periodEnd) })].filter(Boolean).join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
