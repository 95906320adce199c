import { formatDateTime, formatNumber } from '../format';
import { t } from '../i18n';
import { ownerNames } from '../store/goals';
import type { GoalCheckIn, GoalView } from '../types';
import { GoalStatusBadge } from './GoalStatusBadge';

/** The goal's check-ins, newest first: value, status, on time or late (or auto, from the metric store), who, when, note. */
export function GoalCheckIns({ checkIns, goal }: { checkIns: GoalCheckIn[]; goal: GoalView }) {
  const names = ownerNames.value;
  return (
    <section class="goal-section" aria-label={t('goals.checkIns')}>
      <h4>{t('goals.checkIns')}</h4>
      {checkIns.length === 0 ? (
        <p class="muted small" data-testid="goal-checkins-empty">
          {t('goals.noCheckIns')}
        </p>
      ) : (
        <ol class="history-list">
          {checkIns.map((c, i) => (
            <li key={c.id ?? i} class="history-item" data-testid="goal-checkin" data-value={c.value} data-on-time={String(c.onTime)} data-auto={String(Boolean(c.auto))}>
              <div class="history-head">
                <strong class="checkin-value">
                  {formatNumber(c.value)}
                  {goal.unit && ` ${goal.unit}`}
                </strong>
                <GoalStatusBadge status={c.status} />
                {c.auto ? (
                  <span class="badge badge-auto" data-testid="checkin-auto" title={t('goals.autoHint')}>
                    {t('goals.auto')}
                  </span>
                ) : (
                  <span class={c.onTime ? 'badge badge-ok' : 'badge badge-late'}>{t(c.onTime ? 'goals.onTime' : 'goals.late')}</span>
                )}
              </div>
              <div class="cell-sub">
                {c.auto
                  ? t('goals.autoFromAt', { source: c.source ?? '', time: formatDateTime(c.at) })
                  : t('goals.byAt', {
                      name: names.get(c.personId) ?? t('goals.personId', { id: c.personId }),
                      time: formatDateTime(c.at),
                    })}
              </div>
              {c.note && <div class="history-note">{c.note}</div>}
              {c.notePrivate && <div class="history-note muted" data-testid="checkin-note-private">{t('goals.checkins.notePrivate')}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
