import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { calibrationChanges, reviews } from '../../../db/schema';
import { better } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
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
    if (!scale.some((g) => g.key === change.grade)) throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'grade', message: `not a grade of the scale (${scale.map((g) => g.key).join(', ')})` }] });
    const override = change.overrideReason?.trim() || null;
    const aboveCap = review.cap !== null && better(scale, change.grade, review.cap);
    if (aboveCap && !override) throw new AppError('above-cap', `The rules cap this review at ${review.cap}; an override reason is needed to grade ${change.grade}.`, { status: 422, details: { cap: review.cap } });
    const at = deps.now().toISOString();
    deps.db.insert(calibrationChanges).values({ sessionId, reviewId: change.reviewId, before: review.grade, after: change.grade, reason: change.reason, overrideReason: aboveCap ? override : null, actor, at }).run();
    deps.db
      .update(reviews)
      .set({ grade: change.grade, updatedAt: at, ...(aboveCap ? { overrideReason: override, needsCalibration: true } : {}) })
      .where(eq(reviews.id, change.reviewId))
      .run();
    appendAudit(
      deps.db,
      { actor, action: aboveCap ? 'calibration.override' : 'calibration.change', entity: 'review', entityId: change.reviewId, before: { grade: review.grade }, after: { grade: change.grade, session: sessionId, override }, reason: change.reason },
      deps.now(),
    );
  });
}
