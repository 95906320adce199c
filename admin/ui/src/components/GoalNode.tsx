import { formatDate } from '../format';
import { t } from '../i18n';
import { openGoal, selectedGoalId } from '../store/goalDetail';
import { expanded, toggleGoal } from '../store/goals';
import type { GoalView } from '../types';
import { GoalProgress } from './GoalProgress';
import { GoalStatusBadge } from './GoalStatusBadge';

/** One goal of the tree: expand toggle, then a row (title, owner, next check-in, progress, status) that opens it. */
export function GoalNode({ goal, depth }: { goal: GoalView; depth: number }) {
  const hasChildren = goal.children.length > 0;
  const open = hasChildren && expanded.value.has(goal.id);
  const selected = selectedGoalId() === goal.id;
  return (
    <li class="goal-node" data-testid="goal-node" data-goal-id={goal.id} data-ref={goal.ref} data-depth={depth} data-expanded={hasChildren ? String(open) : undefined}>
      <div class={selected ? 'goal-row selected' : 'goal-row'}>
        {hasChildren ? (
          <button
            type="button"
            class="goal-toggle"
            data-testid="goal-toggle"
            aria-expanded={open}
            aria-label={t(open ? 'goals.collapse' : 'goals.expand', { title: goal.title })}
            onClick={() => toggleGoal(goal.id)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span class="goal-toggle-spacer" aria-hidden="true" />
        )}
        <button type="button" class="goal-open" data-testid="goal-open" aria-pressed={selected} onClick={() => openGoal(goal.id)}>
          <span class="goal-title-line">
            <span class="goal-title" data-testid="goal-title">{goal.title}</span>
            {hasChildren && <span class="goal-count">{t('goals.childCount', { count: goal.children.length })}</span>}
          </span>
          <span class="goal-meta">
            <span data-testid="goal-owner">{goal.owner.name}</span>
            <span>{t(`goals.level.${goal.level}`)}</span>
            <span data-testid="goal-next">
              {goal.nextCheckpoint ? t('goals.nextCheckIn', { date: formatDate(goal.nextCheckpoint, 'short') }) : t('goals.noNextCheckIn')}
            </span>
          </span>
          <span class="goal-figures">
            <GoalProgress progress={goal.progress} expected={goal.expected} status={goal.status} />
            <GoalStatusBadge status={goal.status} />
          </span>
        </button>
      </div>
      {open && (
        <ul class="goal-children" role="group" aria-label={goal.title}>
          {goal.children.map((c) => (
            <GoalNode key={c.id} goal={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
