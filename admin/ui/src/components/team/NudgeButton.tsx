import type { TeamMember } from '../../apiShapes';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { nudge, nudges } from '../../store/teamWeek';

/** 提醒 / Nudge someone who has not answered: once a day per person. */
export function NudgeButton({ member }: { member: TeamMember }) {
  const s = nudges.value[member.personId];
  const state = s?.state ?? (member.nudgedToday ? 'already' : 'idle');
  const disabled = state === 'sending' || state === 'sent' || state === 'already';
  return (
    <span class="nudge" data-testid="nudge" data-state={state}>
      <button type="button" data-testid="nudge-button" disabled={disabled} onClick={() => void nudge(member.personId)}>
        {state === 'sending' ? t('team.nudging') : t('team.nudge')}
      </button>
      {state === 'sent' && <span class="success small" role="status" data-testid="nudge-result">{t('team.nudgeSent')}</span>}
      {state === 'already' && <span class="muted small" data-testid="nudge-result">{t('team.nudgedToday')}</span>}
      {s?.state === 'failed' && <span class="error small" role="alert" data-testid="nudge-result">{errorText(s.error)}</span>}
    </span>
  );
}
