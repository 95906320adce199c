import type { TeamWeek } from '../../apiShapes';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';

/** Open blockers and overdue check-ins of the team. */
export function TeamIssues({ week }: { week: TeamWeek }) {
  return (
    <>
      <section class="card panel" data-testid="team-blockers" aria-labelledby="team-blockers-title">
        <h3 id="team-blockers-title">{t('team.blockers', { count: week.blockers.length })}</h3>
        {week.blockers.length === 0 ? (
          <p class="muted small">{t('team.noBlockers')}</p>
        ) : (
          <ul class="plain-list">
            {week.blockers.map((b, i) => (
              <li key={i} class="plain-item" data-testid="team-blocker">
                <span class="plain-main">{b.name}</span>
                <span class="cell-sub">{formatDateTime(b.at)}</span>
                <span class="blocker-text">{b.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card panel" data-testid="team-overdue" aria-labelledby="team-overdue-title">
        <h3 id="team-overdue-title">{t('team.overdue', { count: week.overdue.length })}</h3>
        {week.overdue.length === 0 ? (
          <p class="muted small">{t('team.noOverdue')}</p>
        ) : (
          <ul class="plain-list">
            {week.overdue.map((o) => (
              <li key={`${o.goalId}:${o.dueDate}`} class="plain-item" data-testid="team-overdue-item">
                <span class="plain-main">{o.name}</span>
                <span class="cell-sub">{t('team.dueOn', { title: o.goalTitle, date: formatDate(o.dueDate) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
