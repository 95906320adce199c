import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people, reviewCycles, reviews, reviewTemplates, reviewTemplateVersions } from '../../../db/schema';
import { DEFAULT_SCALE } from '../../domain/ratingScale';
import type { TemplateBody } from '../../domain/reviewTemplate';
import { AppError } from '../../errors';
import type { Access } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { compileDrafts, type Draft } from './compileDrafts';
import { draftingOf } from './draftCycle';
import { storeDrafts } from './storeDrafts';

export type ReviewRow = typeof reviews.$inferSelect;

/** A review with what it needs around it; 404 when there is none, 403 when the reader may not see it. */
export function loadReview(deps: ServiceDeps, id: number, access: Access) {
  const review = deps.db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!review) throw new AppError('not_found', 'No such review.', { status: 404 });
  access.requireRead(review.personId);
  const cycle = deps.db.select().from(reviewCycles).where(eq(reviewCycles.id, review.cycleId)).get()!;
  const version = deps.db
    .select({ body: reviewTemplateVersions.body, version: reviewTemplateVersions.version, name: reviewTemplates.name })
    .from(reviewTemplateVersions)
    .innerJoin(reviewTemplates, eq(reviewTemplates.id, reviewTemplateVersions.templateId))
    .where(eq(reviewTemplateVersions.id, review.templateVersionId))
    .get()!;
  return { review, cycle, template: { ...version, body: version.body as TemplateBody }, scale: cycle.scale ?? DEFAULT_SCALE };
}

/** Recompiles an unsubmitted review's draft from today's data (the draft is refreshed until the manager submits). */
export function refreshDraft(deps: ServiceDeps, loaded: ReturnType<typeof loadReview>): ReviewRow {
  const { review, cycle, template, scale } = loaded;
  if (review.status === 'submitted' || review.draftAt === null) return review;
  inTransaction(deps.db, () => {
    const [compiled] = compileDrafts(deps.db, { start: cycle.periodStart, end: cycle.periodEnd }, scale, [
      { reviewId: review.id, personId: review.personId, body: template.body, ratings: review.ratings ?? {}, flags: review.flags },
    ]);
    storeDrafts(deps.db, [compiled], deps.now().toISOString());
  });
  return deps.db.select().from(reviews).where(eq(reviews.id, review.id)).get()!;
}

/** GET /api/reviews/:id: the draft as docs/reviews.md describes it, in the reader's language where it is text. */
export function reviewView(deps: ServiceDeps, id: number, access: Access, locale: 'zh-CN' | 'en') {
  const loaded = loadReview(deps, id, access);
  const review = refreshDraft(deps, loaded);
  const { cycle, template, scale } = loaded;
  const person = deps.db.select({ id: people.id, name: people.name, email: people.email, jobFunction: people.jobFunction }).from(people).where(eq(people.id, review.personId)).get()!;
  const manager = review.managerId ? deps.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, review.managerId)).get() ?? null : null;
  const head = { id: review.id, cycle: { id: cycle.id, name: cycle.name, periodStart: cycle.periodStart, periodEnd: cycle.periodEnd }, person, manager, status: review.status };
  // Not drafted yet (its cycle is still opening): who and where, and how far the drafting is; no empty draft.
  if (review.draftAt === null) return { ...head, drafting: draftingOf(deps, cycle.id) ?? { drafted: 0, total: 0 } };
  const draft = review.draft as Draft;
  const questions = deps.settings.standup.questions;
  const selfQuestions = deps.settings.reviews.questions.map((q) => q[locale]);
  const now = deps.now().toISOString();
  const isSelf = access.user.personId === review.personId;
  // The person sees the manager's grade and feedback only once HR has released the cycle (calibration may change it).
  const hidden = isSelf && cycle.status !== 'released';
  return {
    ...head,
    drafting: null,
    template: { name: template.name, version: template.version, body: template.body },
    scale,
    standups: draft.standups.map((w) => ({ week: w.week, answers: w.answers.map((a) => ({ question: a.text?.[locale] ?? questions[a.question]?.[locale] ?? `#${a.question + 1}`, answer: a.answer, late: a.late })) })),
    goals: draft.goals,
    metrics: draft.metrics,
    points: draft.points,
    items: draft.items,
    total: draft.total,
    byTotal: draft.byTotal,
    suggestedGrade: draft.suggestedGrade,
    cap: draft.cap,
    floor: draft.floor,
    rulesApplied: draft.rulesApplied,
    undecided: draft.undecided,
    flags: review.flags,
    self: { questions: selfQuestions, answers: review.selfAnswers ?? selfQuestions.map(() => null), submittedAt: review.selfSubmittedAt, opensAt: review.selfOpensAt },
    ratings: hidden ? {} : (review.ratings ?? {}),
    grade: hidden ? null : review.grade,
    feedback: hidden ? null : review.feedback,
    overrideReason: hidden ? null : review.overrideReason,
    needsCalibration: hidden ? false : review.needsCalibration,
    released: cycle.status === 'released',
    canGrade: review.status !== 'submitted' && !isSelf && access.canManage(review.personId),
    canSelfReview: isSelf && review.status === 'self_review' && review.selfOpensAt <= now,
  };
}
