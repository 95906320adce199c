import { todayLocal } from '../dates';
import { formatDate, formatDateTime } from '../format';
import { t } from '../i18n';
import type { GoalCheckpoint } from '../types';

type CheckpointState = 'on_time' | 'late' | 'overdue' | 'open';

function stateOf(c: GoalCheckpoint, today: string): CheckpointState {
  if (c.checkedInAt) return c.onTime ? 'on_time' : 'late';
  return c.dueDate < today ? 'overdue' : 'open';
}

/** The goal's checkpoints in date order: answered on time, late, overdue or still open. */
export function GoalCheckpoints({ checkpoints }: { checkpoints: GoalCheckpoint[] }) {
  const today = todayLocal();
  return (
    <section class="goal-section" aria-label={t('goals.checkpoints')}>
      <h4>{t('goals.checkpoints')}</h4>
      {checkpoints.length === 0 ? (
        <p class="muted small">{t('goals.noCheckpoints')}</p>
      ) : (
        <ol class="checkpoint-list">
          {checkpoints.map((c) => {
            const state = stateOf(c, today);
            return (
              <li
                key={c.id}
                class={`checkpoint checkpoint-${state}`}
                data-testid="goal-checkpoint"
                data-due={c.dueDate}
                data-state={state}
                title={c.checkedInAt ? t('goals.checkedInAt', { time: formatDateTime(c.checkedInAt) }) : undefined}
              >
                <span class="checkpoint-date">{formatDate(c.dueDate, 'short')}</span>
                <span class="checkpoint-state">{t(`goals.checkpoint.${state}`)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
