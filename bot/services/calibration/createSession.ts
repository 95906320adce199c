import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { calibrationSessions, reviewCycles } from '../../../db/schema';
import { departmentIdsOf } from '../people/departments';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { inviteParticipants } from './inviteParticipants';

/** The source case's guideline distribution, in percent: guidance for the meeting, never enforced. */
export const DEFAULT_GUIDELINE: Record<string, number> = { S: 10, A: 20, B: 50, C: 15, D: 5 };

/**
 * HR opens a calibration session for a cycle (all of it, or some departments and their subtrees) and invites the heads
 * of those departments (or the people named in `invite`). Audited.
 */
export function createSession(deps: ServiceDeps, input: { cycleId: number; departments?: string[]; guideline?: Record<string, number>; invite?: number[] }, actor: string): { id: number; invited: number[] } {
  return inTransaction(deps.db, () => {
    const cycle = deps.db.select({ id: reviewCycles.id, status: reviewCycles.status }).from(reviewCycles).where(eq(reviewCycles.id, input.cycleId)).get();
    if (!cycle) throw new AppError('not_found', 'No such review cycle.', { status: 404 });
    if (cycle.status === 'planned') throw new AppError('cycle_not_open', 'Open the cycle before calibrating it.', { status: 409 });
    const ids = input.departments?.length ? departmentIdsOf(deps.db, input.departments) : null;
    const row = deps.db
      .insert(calibrationSessions)
      .values({ cycleId: input.cycleId, departments: ids, guideline: input.guideline ?? DEFAULT_GUIDELINE, createdBy: actor, createdAt: deps.now().toISOString() })
      .returning({ id: calibrationSessions.id })
      .get();
    appendAudit(deps.db, { actor, action: 'calibration.create', entity: 'calibration_session', entityId: row.id, after: input }, deps.now());
    const invited = inviteParticipants(deps, row.id, input.invite, actor);
    return { id: row.id, invited };
  });
}
