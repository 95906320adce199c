import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviews } from '../../../db/schema';
import { better } from '../../domain/ratingScale';
import { itemId } from '../../domain/reviewTemplate';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { Access } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { compileDrafts } from './compileDrafts';
import { requireDrafted } from './draftCycle';
import { loadReview } from './reviewView';
import { storeDrafts } from './storeDrafts';

export interface ManagerReviewInput {
  grade: string;
  feedback: string;
  ratings?: Record<string, string>;
  overrideReason?: string;
}

/**
 * The manager's review: a grade per rating question, written feedback and the overall grade. The draft is scored
 * with the ratings first; a grade above the rules' cap is refused (422 above-cap, nothing stored) unless an override
 * reason is given, and then the review is marked for calibration. Only the person's manager chain or HR grades,
 * never the person. Audited.
 */
export function submitManagerReview(deps: ServiceDeps, id: number, input: ManagerReviewInput, access: Access, actor: string): void {
  inTransaction(deps.db, () => {
    const loaded = loadReview(deps, id, access);
    const { review, cycle, template, scale } = loaded;
    if (access.user.personId === review.personId || !access.canManage(review.personId)) throw new AppError('forbidden', 'Only the person’s manager chain or HR grades this review.', { status: 403 });
    if (review.status === 'submitted') throw new AppError('already_submitted', 'This review was submitted already.', { status: 409 });
    requireDrafted(review);
    const keys = new Set(scale.map((g) => g.key));
    const ratingIds = new Set<string>();
    template.body.sections.forEach((s, si) => s.items.forEach((item, ii) => item.kind === 'rating' && ratingIds.add(itemId(si, ii))));
    const problems = [
      ...(keys.has(input.grade) ? [] : [{ field: 'grade', message: `not a grade of the scale (${[...keys].join(', ')})` }]),
      ...Object.entries(input.ratings ?? {}).flatMap(([k, g]) => [
        ...(ratingIds.has(k) ? [] : [{ field: `ratings.${k}`, message: 'not a rating question of this template' }]),
        ...(keys.has(g) ? [] : [{ field: `ratings.${k}`, message: 'not a grade of the scale' }]),
      ]),
    ];
    if (problems.length) throw new AppError('invalid_request', 'The review is not valid.', { status: 400, details: problems });
    const ratings = { ...(review.ratings ?? {}), ...(input.ratings ?? {}) };
    const [compiled] = compileDrafts(deps.db, { start: cycle.periodStart, end: cycle.periodEnd }, scale, [
      { reviewId: review.id, personId: review.personId, body: template.body, ratings, flags: review.flags },
    ]);
    const cap = compiled.draft.cap;
    const aboveCap = cap !== null && better(scale, input.grade, cap);
    const override = input.overrideReason?.trim();
    if (aboveCap && !override) {
      const reasons = compiled.draft.rulesApplied.filter((r) => r.effect === 'cap').map((r) => r.explanation);
      throw new AppError('above-cap', `The rules cap this review at ${cap}; give an override reason to grade ${input.grade}.`, { status: 422, details: { cap, reasons } });
    }
    const at = deps.now().toISOString();
    storeDrafts(deps.db, [compiled], at);
    deps.db
      .update(reviews)
      .set({
        status: 'submitted',
        ratings,
        grade: input.grade,
        feedback: input.feedback,
        overrideReason: aboveCap ? override : null,
        needsCalibration: aboveCap,
        managerSubmittedAt: at,
        submittedBy: actor,
        updatedAt: at,
      })
      .where(eq(reviews.id, id))
      .run();
    appendAudit(
      deps.db,
      { actor, action: aboveCap ? 'review.grade_override' : 'review.grade', entity: 'review', entityId: String(id), after: { grade: input.grade, ratings, suggested: compiled.draft.suggestedGrade, cap }, reason: aboveCap ? override : undefined },
      deps.now(),
    );
  });
}
