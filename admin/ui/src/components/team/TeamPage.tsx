import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { teamWeek } from '../../store/teamWeek';
import { TeamGoals } from './TeamGoals';
import { TeamIssues } from './TeamIssues';
import { TeamMembers } from './TeamMembers';

/** My team this week: who answered (nudge who has not), blockers, overdue check-ins, the team's goals. */
export function TeamPage() {
  useEffect(() => {
    void teamWeek.load();
  }, []);

  const week = teamWeek.data.value;
  return (
    <div class="page team-page" data-testid="team-page">
      <div class="page-head">
        <h2>{t('team.title')}</h2>
        {week && (
          <p class="muted" data-testid="team-week">
            {week.periodKey ? t(week.open ? 'team.weekOpen' : 'team.weekClosed', { week: week.periodKey }) : t('team.noWeek')}
          </p>
        )}
      </div>
      {teamWeek.error.value ? (
        <p class="error" role="alert">
          {errorText(teamWeek.error.value)}
        </p>
      ) : null}
      {!week ? (
        !teamWeek.error.value && <p class="muted">{t('app.loading')}</p>
      ) : (
        <div class="team-layout">
          <TeamMembers week={week} />
          <div class="team-side">
            <TeamIssues week={week} />
            <TeamGoals week={week} />
          </div>
        </div>
      )}
    </div>
  );
}
