import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviewAppeals, reviewCycles, reviews } from '../../../db/schema';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { regrade } from '../reviews/regrade';

export interface AppealOutcome {
  outcome: 'upheld' | 'changed';
  /** The new grade, for "changed". */
  grade?: string;
  /** HR's answer to the person, required: it is what they are told. */
  note: string;
  /** Needed when the new grade lies above the rules' cap. */
  overrideReason?: string;
}

/**
 * HR answers an appeal: the grade is upheld, or changed through the same audited path as calibration (reason =
 * HR's note; an override reason above a cap). The person is told in chat, once. Audited either way.
 */
export function resolveAppeal(deps: ServiceDeps, appealId: number, input: AppealOutcome, actor: string): { id: number; status: string; grade: string | null } {
  return inTransaction(deps.db, () => {
    const appeal = deps.db.select().from(reviewAppeals).where(eq(reviewAppeals.id, appealId)).get();
    if (!appeal) throw new AppError('not_found', 'No such appeal.', { status: 404 });
    if (appeal.status !== 'open') throw new AppError('appeal_resolved', 'This appeal has been answered already.', { status: 409 });
    const review = deps.db.select({ grade: reviews.grade, cap: reviews.capGrade }).from(reviews).where(eq(reviews.id, appeal.reviewId)).get()!;
    const cycle = deps.db.select({ name: reviewCycles.name, scale: reviewCycles.scale }).from(reviewCycles).where(eq(reviewCycles.id, appeal.cycleId)).get()!;
    const scale = (cycle.scale ?? DEFAULT_SCALE) as ScaleGrade[];
    let grade = review.grade;
    if (input.outcome === 'changed') {
      if (!input.grade) throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'grade', message: 'the new grade is required when the outcome is "changed"' }] });
      if (input.grade === review.grade) throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'grade', message: `the grade is ${review.grade} already; uphold it instead` }] });
      regrade(deps, scale, { reviewId: appeal.reviewId, current: review.grade, cap: review.cap, grade: input.grade, reason: input.note, overrideReason: input.overrideReason, action: 'appeal', context: { appeal: appealId } }, actor);
      grade = input.grade;
    } else {
      appendAudit(deps.db, { actor, action: 'appeal.upheld', entity: 'review', entityId: appeal.reviewId, before: { grade: review.grade }, after: { grade: review.grade, appeal: appealId }, reason: input.note }, deps.now());
    }
    const at = deps.now().toISOString();
    deps.db.update(reviewAppeals).set({ status: input.outcome, gradeAfter: grade, note: input.note, resolvedBy: actor, resolvedAt: at }).where(eq(reviewAppeals.id, appealId)).run();
    const person = deps.db.$client.prepare<[number], { locale: string }>(`select locale from people where id = ?`).get(appeal.personId);
    const locale = asLocale(person?.locale, deps.settings.defaultLocale);
    const key = input.outcome === 'changed' ? 'appeal.outcome.changed' : 'appeal.outcome.upheld';
    enqueue(deps, [
      {
        dedupeKey: `appeal-outcome:${appealId}`,
        target: { kind: 'person', personId: appeal.personId },
        message: { text: t(locale, key, { cycle: cycle.name, before: review.grade ?? '—', grade: grade ?? '—', note: input.note, url: `${deps.settings.publicUrl}/#/reviews/review/${appeal.reviewId}` }) },
      },
    ]);
    return { id: appealId, status: input.outcome, grade };
  });
}
