import { desc, eq, sql } from 'drizzle-orm';
import { people, standupAnswers, standupRequests, standupRounds } from '../../../db/schema';
import { asLocale, t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { answerFields, editButtons, formatMoment, questionMessage, type AnswerView } from './standupMessages';
import { preparedOnce } from '../preparedOnce';
import { lastPlans } from './standupPlans';
import { standupPrefills } from './standupPrefill';
import { isRoundOpen, type Round } from './standupRounds';

/** Everything a standup conversation step needs about one person's request. */
export interface RequestState {
  request: typeof standupRequests.$inferSelect;
  round: Round;
  person: { id: number; name: string; locale: Locale; timezone: string; managerId: number | null };
  /** Each given answer, with whether it came late and who typed it for the person (null: the person). */
  answers: (AnswerView & { late: boolean; enteredBy: string | null })[];
  open: boolean;
}

export function loadRequestState(deps: ServiceDeps, requestId: number): RequestState | undefined {
  const { db } = deps;
  // Every answer in chat loads this (twice); prepared once, it costs a lookup rather than a query build.
  const request = preparedOnce(db, 'standupState.request', () =>
    db
      .select({
        request: standupRequests,
        round: standupRounds,
        person: { id: people.id, name: people.name, locale: people.locale, timezone: people.timezone, managerId: people.managerId },
      })
      .from(standupRequests)
      .innerJoin(standupRounds, eq(standupRounds.id, standupRequests.roundId))
      .innerJoin(people, eq(people.id, standupRequests.personId))
      .where(eq(standupRequests.id, sql.placeholder('id')))
      .prepare(),
  );
  const answersOf = preparedOnce(db, 'standupState.answers', () =>
    db
      .select({ questionIndex: standupAnswers.questionIndex, answer: standupAnswers.answer, skipped: standupAnswers.skipped, late: standupAnswers.late, enteredBy: standupAnswers.enteredBy })
      .from(standupAnswers)
      .where(eq(standupAnswers.requestId, sql.placeholder('id')))
      .prepare(),
  );
  const row = request.get({ id: requestId });
  if (!row) return undefined;
  const p = row.person;
  return {
    request: row.request,
    // A department's own standup: the person was asked its questions, kept on the request.
    round: row.request.questions ? { ...row.round, questions: row.request.questions } : row.round,
    person: { ...p, locale: asLocale(p.locale, deps.settings.defaultLocale) },
    answers: answersOf.all({ id: requestId }),
    open: isRoundOpen(row.round, deps.now()),
  };
}

/** The person's most recent standup request, if any. */
export function latestRequestId(deps: ServiceDeps, personId: number): number | undefined {
  return deps.db
    .select({ id: standupRequests.id })
    .from(standupRequests)
    .where(eq(standupRequests.personId, personId))
    .orderBy(desc(standupRequests.id))
    .limit(1)
    .get()?.id;
}

export function firstUnanswered(state: RequestState): number | undefined {
  const total = state.round.questions.length;
  for (let i = 0; i < total; i++) if (!state.answers.some((a) => a.questionIndex === i)) return i;
  return undefined;
}

/** Where a person is in a flow; `data` keeps what the step needs later (question 1's prefill), else null. */
export function setConversation(deps: ServiceDeps, personId: number, flow: string, step: number, subjectId: number, data: Record<string, unknown> | null = null): void {
  // Every step of every flow writes this: prepared once.
  const upsert = preparedOnce(deps.db, 'conversation.set', () =>
    deps.db.$client.prepare<[number, string, number, number, string | null, string]>(
      `insert into conversations (person_id, flow, step, subject_id, data, expires_at, updated_at) values (?, ?, ?, ?, ?, null, ?)
       on conflict (person_id) do update set flow = excluded.flow, step = excluded.step, subject_id = excluded.subject_id,
         data = excluded.data, expires_at = null, updated_at = excluded.updated_at`,
    ),
  );
  upsert.run(personId, flow, step, subjectId, data === null ? null : JSON.stringify(data), deps.now().toISOString());
}

export function clearConversation(deps: ServiceDeps, personId: number): void {
  preparedOnce(deps.db, 'conversation.clear', () => deps.db.$client.prepare<[number]>('delete from conversations where person_id = ?')).run(personId);
}

/**
 * Asks question `index`, remembering where the person is. Question 1 of a fresh answer shows last week's plan and
 * what the systems recorded this week, which is kept with the conversation so "好"/"ok" can take it as the answer.
 */
export function ask(deps: ServiceDeps, state: RequestState, index: number, flow: 'standup' | 'standup-edit', lead?: string): OutboundMessage {
  const first = index === 0 && flow === 'standup';
  const { id, locale } = state.person;
  const prefill = first ? standupPrefills(deps.db, state.round.periodKey, [{ id, locale }]).get(id) : undefined;
  setConversation(deps, id, flow, index, state.request.id, prefill ? { prefill } : null);
  const current = flow === 'standup-edit' ? state.answers.find((a) => a.questionIndex === index)?.answer : undefined;
  const lastPlan = first ? lastPlans(deps.db, state.round.periodKey, [id], state.round.questions.length).get(id) : undefined;
  return questionMessage(locale, state.round.questions, index, { lead, current, lastPlan, prefill });
}

/** The summary after the last question: answers as fields, and Edit buttons while the round is open. */
export function summary(state: RequestState, lead: string): OutboundMessage {
  const { locale, timezone } = state.person;
  const questions = state.round.questions;
  const text = state.open ? `${lead}\n${t(locale, 'standup.done', { name: state.person.name, week: state.round.periodKey, closesAt: formatMoment(state.round.closesAt, locale, timezone) })}` : lead;
  return { text: text.trim(), fields: answerFields(locale, questions, state.answers), buttons: state.open ? editButtons(locale, questions) : undefined };
}
