import { inTransaction } from '../../../db/client';
import { calibrationChanges } from '../../../db/schema';
import { AppError } from '../../errors';
import { regrade } from '../reviews/regrade';
import type { ServiceDeps } from '../context';
import { loadSession, sessionReviews } from './calibrationScope';

export interface GradeChange {
  reviewId: number;
  grade: string;
  reason: string;
  overrideReason?: string;
}

/**
 * A grade changed in calibration: the reason is required (checked by the route), the session must be open, the
 * review in its scope and already graded by the manager. A grade above the rules' cap needs an explicit override
 * reason and is marked; every change is kept in calibration_changes and appended to the audit chain.
 */
export function changeGrade(deps: ServiceDeps, sessionId: number, change: GradeChange, actor: string): void {
  inTransaction(deps.db, () => {
    const { session, cycle, scale } = loadSession(deps.db, sessionId);
    if (session.lockedAt) throw new AppError('session_locked', 'The session is locked; HR must reopen it before anything changes.', { status: 409 });
    const review = sessionReviews(deps.db, cycle.id, session.departments).find((r) => r.reviewId === change.reviewId);
    if (!review) throw new AppError('not_found', 'This review is not part of the session.', { status: 404 });
    if (review.status !== 'submitted') throw new AppError('not_submitted', 'The manager has not submitted this review yet.', { status: 409 });
    const { override } = regrade(
      deps,
      scale,
      { reviewId: change.reviewId, current: review.grade, cap: review.cap, grade: change.grade, reason: change.reason, overrideReason: change.overrideReason, action: 'calibration', context: { session: sessionId } },
      actor,
    );
    deps.db.insert(calibrationChanges).values({ sessionId, reviewId: change.reviewId, before: review.grade, after: change.grade, reason: change.reason, overrideReason: override, actor, at: deps.now().toISOString() }).run();
  });
}
