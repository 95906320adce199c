import { sql } from 'drizzle-orm';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';

/** A milestone goal is done when marked done or when its value reached the target. */
export const MILESTONE_DONE = sql.raw(`(g.status = 'done' or g.current_value >= g.target_value)`);

/**
 * After a check-in on a development goal (inside its transaction): when every milestone of its running assignment is
 * done, the assignment is completed (audited `development.complete`, actor system).
 */
export function completeIfAllDone(deps: ServiceDeps, goalId: number): boolean {
  const row = deps.db.get<{ id: number; personId: number; total: number; done: number } | undefined>(sql`
    select a.id, a.person_id as personId, count(*) as total, sum(case when ${MILESTONE_DONE} then 1 else 0 end) as done
    from path_assignment_goals x join path_assignments a on a.id = x.assignment_id
    join path_assignment_goals y on y.assignment_id = a.id join goals g on g.id = y.goal_id
    where x.goal_id = ${goalId} and a.status = 'active' group by a.id`);
  if (!row || row.done < row.total) return false;
  const now = deps.now();
  deps.db.run(sql`update path_assignments set status = 'completed', closed_at = ${now.toISOString()} where id = ${row.id} and status = 'active'`);
  appendAudit(deps.db, { actor: 'system', action: 'development.complete', entity: 'path_assignment', entityId: row.id, before: { status: 'active' }, after: { status: 'completed', personId: row.personId } }, now);
  return true;
}
