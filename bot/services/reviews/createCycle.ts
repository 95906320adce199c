import { inTransaction } from '../../../db/client';
import { reviewCycles, type CycleKind } from '../../../db/schema';
import { departmentIdsOf } from '../people/departments';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';

export interface CycleInput {
  name: string;
  kind: CycleKind;
  periodStart: string;
  periodEnd: string;
  /** Department paths in scope (with their subtrees); none = the whole company. */
  departments?: string[];
  /** Days after release during which people may appeal; the settings' default (APPEAL_WINDOW_DAYS) when absent. */
  appealDays?: number;
  /** Ask the fairness and clarity pulse after release. */
  pulse?: boolean;
}

/** Plans a review cycle (it opens separately). Unknown departments are refused by name. */
export function createCycle(deps: ServiceDeps, input: CycleInput, actor: string): { id: number } {
  if (input.periodEnd < input.periodStart) throw new AppError('invalid_request', 'The period ends before it starts.', { status: 400 });
  return inTransaction(deps.db, () => {
    const ids = input.departments?.length ? departmentIdsOf(deps.db, input.departments) : null;
    const at = deps.now().toISOString();
    const row = deps.db
      .insert(reviewCycles)
      .values({ name: input.name, kind: input.kind, periodStart: input.periodStart, periodEnd: input.periodEnd, departments: ids, appealDays: input.appealDays ?? deps.settings.reviews.appealDays, pulse: input.pulse ?? false, createdBy: actor, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: reviewCycles.id })
      .get();
    if (!row) throw new AppError('cycle_exists', 'A cycle with this name and period exists already.', { status: 409 });
    appendAudit(deps.db, { actor, action: 'review_cycle.create', entity: 'review_cycle', entityId: String(row.id), after: input }, deps.now());
    return { id: row.id };
  });
}
