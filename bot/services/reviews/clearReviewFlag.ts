import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviews } from '../../../db/schema';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { requireDrafted } from './draftCycle';

/** HR clears a rule flag ("needs-improvement") with a reason; it stays on the review, marked cleared. Audited. */
export function clearReviewFlag(deps: ServiceDeps, reviewId: number, flag: string, reason: string, actor: string): void {
  inTransaction(deps.db, () => {
    const review = deps.db.select({ flags: reviews.flags, draftAt: reviews.draftAt }).from(reviews).where(eq(reviews.id, reviewId)).get();
    if (!review) throw new AppError('not_found', 'No such review.', { status: 404 });
    requireDrafted(review);
    const target = review.flags.find((f) => f.flag === flag && !f.clearedAt);
    if (!target) throw new AppError('not_found', `The review has no open flag "${flag}".`, { status: 404 });
    const at = deps.now().toISOString();
    const flags = review.flags.map((f) => (f === target ? { ...f, clearedBy: actor, clearedAt: at, clearReason: reason } : f));
    deps.db.update(reviews).set({ flags, updatedAt: at }).where(eq(reviews.id, reviewId)).run();
    appendAudit(deps.db, { actor, action: 'review.flag_clear', entity: 'review', entityId: String(reviewId), before: target, reason }, deps.now());
  });
}
