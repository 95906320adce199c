import type { MyStandup } from '../../apiShapes';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

/** The week, open/closed with its closing time, and completed / late / excused. */
export function StandupStatus({ standup }: { standup: MyStandup }) {
  const state = standup.excused ? 'excused' : standup.completed ? (standup.late ? 'late' : 'completed') : 'pending';
  const badge = { excused: 'badge-muted', completed: 'badge-ok', late: 'badge-late', pending: 'status-pending' }[state];
  return (
    <div class="standup-status" data-testid="standup-status" data-open={standup.open ? 'yes' : 'no'} data-state={state}>
      <span class="badge">{standup.periodKey}</span>
      <span class={`badge ${standup.open ? 'badge-ok' : 'badge-muted'}`} data-testid="standup-open">
        {standup.open ? t('me.standup.open') : t('me.standup.closed')}
      </span>
      <span class={`badge ${badge}`} data-testid="standup-state">
        {t(`me.standup.state.${state}`)}
      </span>
      <span class="muted small" data-testid="standup-closes">
        {t(standup.open ? 'me.standup.closesAt' : 'me.standup.closedAt', { time: formatDateTime(standup.closesAt) || standup.closesAt })}
      </span>
    </div>
  );
}
