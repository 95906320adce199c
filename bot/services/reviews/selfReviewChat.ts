import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { conversations, reviewCycles, reviews } from '../../../db/schema';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { submitSelfReview } from './submitSelfReview';

/** The conversation flow of a self-review in chat: one question at a time, like the standup. */
export const SELF_REVIEW_FLOW = 'self-review';
/** "Answer in a form": on Slack a modal with every question; in other chats it continues the questions in chat. */
export const REVIEW_ACTIONS = { form: 'review.self.form' } as const;

/** The questions and the answers so far of a person's open self-review, for a form; undefined when none is open. */
export function selfReviewFormFor(deps: ServiceDeps, personId: number, reviewId: number, locale: Locale): { reviewId: number; cycle: string; questions: string[]; answers: (string | null)[] } | undefined {
  const review = deps.db.select({ personId: reviews.personId, status: reviews.status, opens: reviews.selfOpensAt, answers: reviews.selfAnswers, draftAt: reviews.draftAt }).from(reviews).where(eq(reviews.id, reviewId)).get();
  if (!review || review.personId !== personId || review.status !== 'self_review' || review.draftAt === null || review.opens > deps.now().toISOString()) return undefined;
  return { reviewId, cycle: cycleOf(deps, reviewId)?.name ?? '', questions: deps.settings.reviews.questions.map((q) => q[locale]), answers: review.answers ?? [] };
}

/** Asks question `index` of a review's self-review and remembers where the person is. */
export function askSelfQuestion(deps: ServiceDeps, personId: number, reviewId: number, index: number, locale: Locale): OutboundMessage {
  const state = { flow: SELF_REVIEW_FLOW, step: index, subjectId: reviewId, data: null, expiresAt: null, updatedAt: deps.now().toISOString() };
  deps.db.insert(conversations).values({ personId, ...state }).onConflictDoUpdate({ target: conversations.personId, set: state }).run();
  const questions = deps.settings.reviews.questions;
  return { text: t(locale, 'review.self.question', { n: index + 1, of: questions.length, question: questions[index][locale] }) };
}

/** "review" / "评估": continue the open self-review at its first unanswered question. */
export function resumeSelfReview(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage[] {
  const review = deps.db
    .select({ id: reviews.id, answers: reviews.selfAnswers })
    .from(reviews)
    .where(and(eq(reviews.personId, personId), eq(reviews.status, 'self_review'), isNotNull(reviews.draftAt), lte(reviews.selfOpensAt, deps.now().toISOString())))
    .get();
  if (!review) return [{ text: t(locale, 'review.self.none') }];
  return [askSelfQuestion(deps, personId, review.id, firstUnanswered(review.answers, deps.settings.reviews.questions.length), locale)];
}

/** A chat message while the self-review flow is on: it answers the question asked, then the next one is asked. */
export function answerSelfReview(deps: ServiceDeps, personId: number, locale: Locale, text: string, step: number, reviewId: number): OutboundMessage[] {
  const n = deps.settings.reviews.questions.length;
  const answers: (string | null)[] = Array.from({ length: n }, (_, i) => (i === step ? text : null));
  const { complete } = submitSelfReview(deps, reviewId, personId, answers);
  if (complete) return [{ text: t(locale, 'review.self.done', { url: `${deps.settings.publicUrl}/#/me` }) }];
  const saved = deps.db.select({ answers: reviews.selfAnswers }).from(reviews).where(eq(reviews.id, reviewId)).get();
  return [askSelfQuestion(deps, personId, reviewId, firstUnanswered(saved?.answers ?? null, n), locale)];
}

function firstUnanswered(answers: (string | null)[] | null, n: number): number {
  const i = Array.from({ length: n }, (_, k) => answers?.[k] ?? null).findIndex((a) => a === null);
  return i < 0 ? 0 : i;
}

/** The cycle a review belongs to, for messages. */
export function cycleOf(deps: ServiceDeps, reviewId: number) {
  return deps.db
    .select({ name: reviewCycles.name, periodStart: reviewCycles.periodStart, periodEnd: reviewCycles.periodEnd })
    .from(reviews)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviews.cycleId))
    .where(eq(reviews.id, reviewId))
    .get();
}
