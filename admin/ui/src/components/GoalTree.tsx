import type { GoalView } from '../types';
import { GoalNode } from './GoalNode';

/** Nested lists of goals; each parent can be expanded or collapsed. */
export function GoalTree({ goals }: { goals: GoalView[] }) {
  return (
    <ul class="goal-tree" data-testid="goal-tree">
      {goals.map((g) => (
        <GoalNode key={g.id} goal={g} depth={0} />
      ))}
    </ul>
  );
}
