import { eq } from 'drizzle-orm';
import { reviews } from '../../../db/schema';
import { better, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';

export interface Regrade {
  reviewId: number;
  /** The grade now and the rules' cap on it (null: none). */
  current: string | null;
  cap: string | null;
  grade: string;
  reason: string;
  overrideReason?: string | null;
  /** calibration.change / calibration.override, or appeal.change. */
  action: 'calibration' | 'appeal';
  /** Recorded with the audit entry (the session or the appeal). */
  context: Record<string, unknown>;
}

/**
 * The one audited path by which a submitted grade changes after the manager's submission — in calibration and on
 * appeal. The grade must be on the cycle's scale; a grade above the rules' cap needs an explicit override reason
 * (422 above-cap) and marks the review. Runs inside the caller's transaction. Returns whether it crossed a cap.
 */
export function regrade(deps: ServiceDeps, scale: ScaleGrade[], change: Regrade, actor: string): { aboveCap: boolean; override: string | null } {
  if (!scale.some((g) => g.key === change.grade)) {
    throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'grade', message: `not a grade of the scale (${scale.map((g) => g.key).join(', ')})` }] });
  }
  const override = change.overrideReason?.trim() || null;
  const aboveCap = change.cap !== null && better(scale, change.grade, change.cap);
  if (aboveCap && !override) throw new AppError('above-cap', `The rules cap this review at ${change.cap}; an override reason is needed to grade ${change.grade}.`, { status: 422, details: { cap: change.cap } });
  const at = deps.now().toISOString();
  deps.db
    .update(reviews)
    .set({ grade: change.grade, updatedAt: at, ...(aboveCap ? { overrideReason: override, needsCalibration: true } : {}) })
    .where(eq(reviews.id, change.reviewId))
    .run();
  const action = change.action === 'appeal' ? 'appeal.change' : aboveCap ? 'calibration.override' : 'calibration.change';
  appendAudit(
    deps.db,
    { actor, action, entity: 'review', entityId: change.reviewId, before: { grade: change.current }, after: { grade: change.grade, ...change.context, override: aboveCap ? override : null }, reason: change.reason },
    deps.now(),
  );
  return { aboveCap, override: aboveCap ? override : null };
}
