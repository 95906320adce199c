import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { conversations, reviews } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { requireDrafted } from './draftCycle';

/**
 * The person's self-review, all answers at once (My page) or the last one from chat. Answers stay editable until
 * every question has one; then the review moves to the manager. Only the person, only once it has opened.
 */
export function submitSelfReview(deps: ServiceDeps, reviewId: number, personId: number, answers: (string | null)[]): { complete: boolean } {
  return inTransaction(deps.db, () => {
    const review = deps.db.select().from(reviews).where(eq(reviews.id, reviewId)).get();
    if (!review) throw new AppError('not_found', 'No such review.', { status: 404 });
    if (review.personId !== personId) throw new AppError('forbidden', 'Only the person writes their self-review.', { status: 403 });
    if (review.status !== 'self_review') throw new AppError('self_review_closed', 'Your self-review is done already.', { status: 409 });
    requireDrafted(review);
    if (review.selfOpensAt > deps.now().toISOString()) throw new AppError('self_review_not_open', 'Your self-review has not opened yet.', { status: 409 });
    const n = deps.settings.reviews.questions.length;
    const merged = Array.from({ length: n }, (_, i) => {
      const given = answers[i];
      return given === undefined || given === null ? (review.selfAnswers?.[i] ?? null) : given.trim() || null;
    });
    const complete = merged.every((a) => a !== null);
    const at = deps.now().toISOString();
    deps.db
      .update(reviews)
      .set({ selfAnswers: merged, ...(complete ? { selfSubmittedAt: at, status: 'manager_review' as const } : {}), updatedAt: at })
      .where(eq(reviews.id, reviewId))
      .run();
    // the chat flow of this self-review (if any) is over
    if (complete) deps.db.delete(conversations).where(and(eq(conversations.personId, personId), eq(conversations.flow, 'self-review'), eq(conversations.subjectId, reviewId))).run();
    return { complete };
  });
}
