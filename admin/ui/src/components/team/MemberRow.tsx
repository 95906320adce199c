import { useSignal } from '@preact/signals';
import type { TeamMember } from '../../apiShapes';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { hrefOf } from '../../store/route';
import { PersonLog } from '../me/PersonLog';
import { NudgeButton } from './NudgeButton';

const BADGE: Record<string, string> = { answered: 'badge-ok', late: 'badge-late', missing: 'status-rejected', excused: 'badge-muted', not_asked: 'badge-muted' };

/** One member of the team: this week's state, a nudge when they have not answered, their log on demand. */
export function MemberRow({ member }: { member: TeamMember }) {
  const open = useSignal(false);
  return (
    <li class="member" data-testid="team-member" data-email={member.email} data-status={member.status}>
      <div class="member-head">
        <div class="member-who">
          <strong>{member.name}</strong>
          <span class="cell-sub">
            {[member.department, member.managerName ? t('team.reportsTo', { name: member.managerName }) : ''].filter(Boolean).join(' · ')}
          </span>
        </div>
        <span class={`badge ${BADGE[member.status] ?? ''}`} data-testid="member-status">
          {t(`team.status.${member.status}`)}
        </span>
      </div>
      <div class="member-actions">
        {member.completedAt && <span class="muted small">{t('team.answeredAt', { time: formatDateTime(member.completedAt) })}</span>}
        {member.status === 'missing' && <NudgeButton member={member} />}
        <a class="small" href={hrefOf('file', String(member.personId))} data-testid="member-file">
          {t('file.open')}
        </a>
        <button
          type="button"
          class="link-button"
          data-testid="member-log-toggle"
          aria-expanded={open.value}
          onClick={() => (open.value = !open.value)}
        >
          {open.value ? t('team.hideLog') : t('team.showLog')}
        </button>
      </div>
      {open.value && <PersonLog email={member.email} />}
    </li>
  );
}
