import { desc, eq } from 'drizzle-orm';
import { standupRequests } from '../../../db/schema';
import { asLocale, t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { answerFields, editButtons, formatMoment, questionMessage, type AnswerView } from './standupMessages';
import { boundedMemo } from '../boundedMemo';
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

type Questions = Round['questions'];

interface StateRow {
  id: number; roundId: number; personId: number; dueDate: string; remindAt: string; promptedAt: string; remindedAt: string | null;
  completedAt: string | null; excusedAt: string | null; late: number; requestQuestions: string | null;
  periodKey: string; openedAt: string; closesAt: string; closedAt: string | null;
  name: string; locale: string; timezone: string; managerId: number | null;
}

/**
 * Every answer in chat loads this: one flat prepared statement per table (drizzle's mapping of the 3-table join, and
 * a JSON.parse of the same questions for every answer of a round, were most of it in the profile). Parsed question
 * lists are shared between calls, so they are frozen: nothing may change them in place.
 */
export function loadRequestState(deps: ServiceDeps, requestId: number): RequestState | undefined {
  const { db } = deps;
  const { request, answersOf } = preparedOnce(db, 'standupState.flat', () => ({
    request: db.$client.prepare<[number], StateRow>(
      `select q.id, q.round_id as roundId, q.person_id as personId, q.due_date as dueDate, q.remind_at as remindAt,
              q.prompted_at as promptedAt, q.reminded_at as remindedAt, q.completed_at as completedAt, q.excused_at as excusedAt,
              q.late, q.questions as requestQuestions,
              r.period_key as periodKey, r.opened_at as openedAt, r.closes_at as closesAt, r.closed_at as closedAt,
              p.name, p.locale, p.timezone, p.manager_id as managerId
       from standup_requests q join standup_rounds r on r.id = q.round_id join people p on p.id = q.person_id where q.id = ?`,
    ),
    answersOf: db.$client.prepare<[number], { questionIndex: number; answer: string | null; skipped: number; late: number; enteredBy: string | null }>(
      'select question_index as questionIndex, answer, skipped, late, entered_by as enteredBy from standup_answers where request_id = ?',
    ),
  }));
  const row = request.get(requestId);
  if (!row) return undefined;
  const requestQuestions = row.requestQuestions === null ? null : questionsOf(row.requestQuestions);
  const round: Round = { id: row.roundId, periodKey: row.periodKey, questions: roundQuestions(db, row.roundId), openedAt: row.openedAt, closesAt: row.closesAt, closedAt: row.closedAt };
  return {
    request: {
      id: row.id, roundId: row.roundId, personId: row.personId, dueDate: row.dueDate, remindAt: row.remindAt, promptedAt: row.promptedAt,
      remindedAt: row.remindedAt, completedAt: row.completedAt, excusedAt: row.excusedAt, late: row.late === 1, questions: requestQuestions,
    },
    // A department's own standup: the person was asked its questions, kept on the request.
    round: requestQuestions ? { ...round, questions: requestQuestions } : round,
    person: { id: row.personId, name: row.name, locale: asLocale(row.locale, deps.settings.defaultLocale), timezone: row.timezone, managerId: row.managerId },
    answers: answersOf.all(requestId).map((a) => ({ ...a, skipped: a.skipped === 1, late: a.late === 1 })),
    open: isRoundOpen(round, deps.now()),
  };
}

/**
 * A round's questions, by round id: they are a snapshot taken when the round was created and never change, and ids
 * are never reused (AUTOINCREMENT). Reading the JSON with every answer decoded and hashed its ~1 KB of text each time
 * (the largest part of loadRequestState in the WeCom profile); now it is read once per round and connection.
 */
const roundQuestionsByDb = new WeakMap<object, Map<number, Questions>>();
function roundQuestions(db: ServiceDeps['db'], roundId: number): Questions {
  let byRound = roundQuestionsByDb.get(db.$client);
  if (!byRound) roundQuestionsByDb.set(db.$client, (byRound = new Map()));
  return boundedMemo(byRound, roundId, 64, () => {
    const json = preparedOnce(db, 'standupState.roundQuestions', () => db.$client.prepare<[number], string>('select questions from standup_rounds where id = ?').pluck()).get(roundId);
    return questionsOf(json ?? '[]');
  });
}

const parsedQuestions = new Map<string, Questions>();

/** The questions stored as JSON, parsed once per distinct text (a round's are the same for everyone in it). */
function questionsOf(json: string): Questions {
  return boundedMemo(parsedQuestions, json, 64, () => Object.freeze((JSON.parse(json) as Questions).map((q) => Object.freeze(q))) as Questions);
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
