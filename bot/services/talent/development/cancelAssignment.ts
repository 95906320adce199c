import { and, eq, inArray, isNull } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { checkpoints, escalationSteps, pathAssignmentGoals, pathAssignments } from '../../../../db/schema';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';

/**
 * Cancels a running assignment with a reason (HR, admin): its milestone goals close — their open checkpoints go, so
 * the ladder neither reminds nor escalates them again; answered check-ins stay. Audited `development.cancel`.
 * Not running → 409 assignment_closed.
 */
export function cancelAssignment(deps: ServiceDeps, input: { id: number; reason: string; actor: string }) {
  const now = deps.now();
  return inTransaction(deps.db, () => {
    const a = deps.db.select().from(pathAssignments).where(eq(pathAssignments.id, input.id)).get();
    if (!a) throw new AppError('not_found', 'No such assignment.', { status: 404 });
    if (a.status !== 'active') throw new AppError('assignment_closed', `This assignment is ${a.status} already.`, { status: 409 });
    const goalIds = deps.db.select({ id: pathAssignmentGoals.goalId }).from(pathAssignmentGoals).where(eq(pathAssignmentGoals.assignmentId, a.id)).all().map((g) => g.id);
    const open = goalIds.length
      ? deps.db.select({ id: checkpoints.id }).from(checkpoints).where(and(inArray(checkpoints.goalId, goalIds), isNull(checkpoints.checkedInAt))).all().map((c) => c.id)
      : [];
    if (open.length) {
      deps.db.delete(escalationSteps).where(inArray(escalationSteps.checkpointId, open)).run();
      deps.db.delete(checkpoints).where(inArray(checkpoints.id, open)).run();
    }
    deps.db.update(pathAssignments).set({ status: 'cancelled', closedAt: now.toISOString(), closeReason: input.reason }).where(eq(pathAssignments.id, a.id)).run();
    appendAudit(deps.db, { actor: input.actor, action: 'development.cancel', entity: 'path_assignment', entityId: a.id, before: { status: a.status }, after: { status: 'cancelled', personId: a.personId, closedCheckpoints: open.length }, reason: input.reason }, now);
    return { id: a.id, status: 'cancelled' as const, closedCheckpoints: open.length };
  });
}
