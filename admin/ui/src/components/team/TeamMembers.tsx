import { MEMBER_STATUSES, type TeamWeek } from '../../apiShapes';
import { t } from '../../i18n';
import { MemberRow } from './MemberRow';

/** Who has answered this week: counts by state, then everyone (the ones missing first). */
export function TeamMembers({ week }: { week: TeamWeek }) {
  const order = (s: string) => ['missing', 'late', 'answered', 'excused', 'not_asked'].indexOf(s);
  const members = [...week.members].sort((a, b) => order(a.status) - order(b.status) || a.name.localeCompare(b.name));
  return (
    <section class="card panel" data-testid="team-members" aria-labelledby="team-members-title">
      <h3 id="team-members-title">{t('team.members')}</h3>
      <ul class="count-chips" data-testid="team-counts">
        {MEMBER_STATUSES.map((s) => (
          <li key={s} class="count-chip" data-status={s} data-testid="team-count">
            <span class="count-value">{week.members.filter((m) => m.status === s).length}</span> {t(`team.status.${s}`)}
          </li>
        ))}
      </ul>
      {members.length === 0 ? (
        <p class="muted">{t('team.noMembers')}</p>
      ) : (
        <ul class="member-list">
          {members.map((m) => (
            <MemberRow key={m.personId} member={m} />
          ))}
        </ul>
      )}
    </section>
  );
}
