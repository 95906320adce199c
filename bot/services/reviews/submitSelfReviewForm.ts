import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviews } from '../../../db/schema';
import { stripControl } from '../../domain/stripControl';
import { t, type Locale } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import { claimInbound } from '../chat/inboundEvents';
import type { ServiceDeps } from '../context';
import { submitSelfReview } from './submitSelfReview';

export type SelfFormOutcome = { kind: 'saved'; duplicate: boolean } | { kind: 'invalid'; empty: number[] } | { kind: 'refused' };

/**
 * The whole self-review from a form (the Slack modal): every question needs an answer. A repeated submission
 * (same trigger) is recorded once; the confirmation goes to the person's chat through the outbox.
 */
export function submitSelfReviewForm(
  deps: ServiceDeps,
  input: { platform: string; eventKey: string; personId: number; reviewId: number; locale: Locale; answers: (string | null)[] },
): SelfFormOutcome {
  const n = deps.settings.reviews.questions.length;
  const texts = Array.from({ length: n }, (_, i) => stripControl(input.answers[i] ?? '').trim() || null);
  const empty = texts.flatMap((a, i) => (a === null ? [i] : []));
  if (empty.length) return { kind: 'invalid', empty };
  return inTransaction(deps.db, () => {
    const review = deps.db.select({ personId: reviews.personId, status: reviews.status, opens: reviews.selfOpensAt, draftAt: reviews.draftAt }).from(reviews).where(eq(reviews.id, input.reviewId)).get();
    if (!review || review.personId !== input.personId || review.status !== 'self_review' || review.draftAt === null || review.opens > deps.now().toISOString()) return { kind: 'refused' } as const;
    if (!claimInbound(deps, input.platform, input.eventKey)) return { kind: 'saved', duplicate: true } as const;
    submitSelfReview(deps, input.reviewId, input.personId, texts);
    enqueue(deps, [
      {
        dedupeKey: `review-self-form:${input.platform}:${input.eventKey}`,
        target: { kind: 'person', personId: input.personId },
        message: { text: t(input.locale, 'review.self.done', { url: `${deps.settings.publicUrl}/#/me` }) },
      },
    ]);
    return { kind: 'saved', duplicate: false } as const;
  });
}
