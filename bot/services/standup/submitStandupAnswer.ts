import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { people } from '../../../db/schema';
import { isBlocker } from '../../domain/standupSchedule';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { recordLedger } from '../points/points';
import { inPilot } from '../settings/audiences';
import { answerFields } from './standupMessages';
import { ask, clearConversation, firstUnanswered, loadRequestState, summary, type RequestState } from './standupState';

export interface AnswerInput {
  requestId: number;
  questionIndex: number;
  /** null means the person skipped the question. */
  text: string | null;
  /** E-mail of whoever typed it for the person (the chat simulator); undefined when the person did. */
  enteredBy?: string;
}

/**
 * Records one answer (or skip) of a standup and moves the conversation on. Answers after the round
 * closed are stored as late; editing an answer after close is refused. Run inside the inbound transaction.
 */
export function submitStandupAnswer(deps: ServiceDeps, input: AnswerInput): OutboundMessage[] {
  const state = loadRequestState(deps, input.requestId);
  if (!state) return [];
  const existing = state.answers.find((a) => a.questionIndex === input.questionIndex);
  if (!state.open && existing) {
    clearConversation(deps, state.person.id);
    return [{ text: t(state.person.locale, 'standup.closed', { week: state.round.periodKey }) }];
  }
  return moveOn(deps, recordAnswer(deps, state, input));
}

/**
 * Stores one answer (or skip) on a loaded state and raises the blocker alert; returns the state after it, without
 * reading it all again (the profile: loadRequestState twice per answer): the request row is unchanged, and the answer
 * row is what the upsert wrote (an edit keeps its `late`). The caller has already refused an edit after close.
 * The standup form records all its answers this way and moves the conversation on once (submitStandupForm).
 */
export function recordAnswer(deps: ServiceDeps, state: RequestState, input: AnswerInput): RequestState {
  const existing = state.answers.find((a) => a.questionIndex === input.questionIndex);
  const nowIso = deps.now().toISOString();
  const late = !state.open;
  const values = { answer: input.text, skipped: input.text === null, late, answeredAt: nowIso, enteredBy: input.enteredBy ?? null };
  // Every answer in chat runs this: prepared once (the drizzle upsert built per answer cost more than running it).
  const upsert = preparedOnce(deps.db, 'standup.answer', () =>
    deps.db.$client.prepare<[number, number, string | null, number, number, string, string | null]>(
      `insert into standup_answers (request_id, question_index, answer, skipped, late, answered_at, entered_by) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (request_id, question_index) do update set answer = excluded.answer, skipped = excluded.skipped,
         edited_at = excluded.answered_at, entered_by = excluded.entered_by`,
    ),
  );
  upsert.run(input.requestId, input.questionIndex, values.answer, values.skipped ? 1 : 0, late ? 1 : 0, nowIso, values.enteredBy);
  const answer = { questionIndex: input.questionIndex, answer: values.answer, skipped: values.skipped, late: existing?.late ?? late, enteredBy: values.enteredBy };
  const fresh: RequestState = {
    ...state,
    answers: [...state.answers.filter((a) => a.questionIndex !== input.questionIndex), answer].sort((a, b) => a.questionIndex - b.questionIndex),
  };
  if (fresh.round.questions[input.questionIndex]?.blocker && isBlocker(input.text)) alertManager(deps, fresh, input.text!);
  return fresh;
}

/** After an answer: ask the next unanswered question, or end the conversation (completing the request the first time). */
export function moveOn(deps: ServiceDeps, fresh: RequestState): OutboundMessage[] {
  const next = firstUnanswered(fresh);
  if (next !== undefined) return [ask(deps, fresh, next, 'standup')];
  clearConversation(deps, fresh.person.id);
  if (fresh.request.completedAt) return [summary(fresh, '')];
  return [complete(deps, fresh)];
}

/** First completion of a request: stamp it, award the on-time point, tell the manager about a late one. */
function complete(deps: ServiceDeps, state: RequestState): OutboundMessage {
  const { db, settings } = deps;
  const now = deps.now();
  const late = !state.open;
  preparedOnce(db, 'standup.complete', () => db.$client.prepare<[string, number, number]>('update standup_requests set completed_at = ?, late = ? where id = ?'))
    .run(now.toISOString(), late ? 1 : 0, state.request.id);
  const { locale, name } = state.person;
  const answeredSomething = state.answers.some((a) => !a.skipped);
  if (late) {
    notifyManagerOfLate(deps, state);
    return summary({ ...state, open: false }, t(locale, 'standup.doneLate', { name, week: state.round.periodKey }));
  }
  const points = settings.points.standupOnTime;
  const awarded =
    answeredSomething && points > 0 && inPilot(deps, state.person.id) &&
    recordLedger(db, { personId: state.person.id, amount: points, kind: 'standup', reason: `standup ${state.round.periodKey}`, sourceKey: `standup:${state.round.id}:${state.person.id}` }, now, state.person.timezone);
  return summary(state, awarded ? t(locale, 'standup.pointEarned', { points }) : '');
}

function managerOf(deps: ServiceDeps, state: RequestState) {
  if (state.person.managerId == null) return undefined;
  const m = deps.db.select({ id: people.id, locale: people.locale, active: people.active }).from(people).where(eq(people.id, state.person.managerId)).get();
  return m?.active ? { id: m.id, locale: asLocale(m.locale, deps.settings.defaultLocale) } : undefined;
}

function alertManager(deps: ServiceDeps, state: RequestState, answer: string): void {
  const manager = managerOf(deps, state);
  if (!manager) return;
  const digest = createHash('sha256').update(answer).digest('hex').slice(0, 16);
  const text = t(manager.locale, 'standup.blocker', { name: state.person.name, week: state.round.periodKey, answer });
  enqueue(deps, [{ dedupeKey: `standup-blocker:${state.request.id}:${digest}`, target: { kind: 'person', personId: manager.id }, message: { text } }]);
}

function notifyManagerOfLate(deps: ServiceDeps, state: RequestState): void {
  const manager = managerOf(deps, state);
  if (!manager) return;
  const text = t(manager.locale, 'standup.lateNotice', { name: state.person.name, week: state.round.periodKey });
  const fields = answerFields(manager.locale, state.round.questions, state.answers);
  enqueue(deps, [{ dedupeKey: `standup-late:${state.request.id}`, target: { kind: 'person', personId: manager.id }, message: { text, fields } }]);
}
