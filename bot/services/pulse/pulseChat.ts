import { enterFlow } from '../chat/enterFlow';
import { and, eq } from 'drizzle-orm';
import { conversations, pulseAnswers, pulseRequests } from '../../../db/schema';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';

/**
 * The fairness and clarity pulse in chat, after a release: "我认可本次绩效结果" 0–10, then "我对自己的工作目标清晰"
 * 1–5. The first answer waits in the conversation; only both together are stored, without the person (anonymous).
 */
export const PULSE_FLOW = 'pulse';
const CANCEL = new Set(['取消', 'cancel']);

/** The two questions' texts (question 1 carries the cycle name). */
export function pulseQuestion(locale: Locale, step: 0 | 1, cycle: string): string {
  return step === 0 ? t(locale, 'pulse.q1', { cycle }) : t(locale, 'pulse.q2');
}

/**
 * Sets the pulse flow for a person at question 1. `unlessBusy`: a flow touched in the last two hours (a standup being
 * answered) is left alone — the person types "调研" / "pulse" later; an older one is stale and gives way.
 */
export function enterPulse(deps: ServiceDeps, personId: number, cycleId: number, unlessBusy: boolean): void {
  enterFlow(deps, personId, PULSE_FLOW, cycleId, unlessBusy);
}

/** "调研" / "pulse": the newest pulse this person has not answered yet, from question 1. */
export function resumePulse(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage[] {
  const open = deps.db.$client
    .prepare<[number], { cycleId: number; cycle: string }>(
      `select q.cycle_id as cycleId, c.name as cycle from pulse_requests q join review_cycles c on c.id = q.cycle_id
       where q.person_id = ? and q.answered = 0 order by q.asked_at desc limit 1`,
    )
    .get(personId);
  if (!open) return [{ text: t(locale, 'pulse.none') }];
  enterPulse(deps, personId, open.cycleId, false);
  return [{ text: pulseQuestion(locale, 0, open.cycle) }];
}

/** A message while the pulse flow is on. */
export function answerPulse(deps: ServiceDeps, personId: number, locale: Locale, text: string, conversation: { step: number; subjectId: number; data: Record<string, unknown> | null }): OutboundMessage[] {
  const cycleId = conversation.subjectId;
  const answer = text.trim();
  if (CANCEL.has(answer.toLowerCase())) {
    deps.db.delete(conversations).where(eq(conversations.personId, personId)).run();
    return [{ text: t(locale, 'pulse.later') }];
  }
  const value = /^\d{1,2}$/.test(answer) ? Number(answer) : NaN;
  if (conversation.step === 0) {
    if (!(value >= 0 && value <= 10)) return [{ text: t(locale, 'pulse.invalid1') }];
    const state = { step: 1, data: { acceptance: value }, updatedAt: deps.now().toISOString() };
    deps.db.update(conversations).set(state).where(eq(conversations.personId, personId)).run();
    return [{ text: pulseQuestion(locale, 1, '') }];
  }
  if (!(value >= 1 && value <= 5)) return [{ text: t(locale, 'pulse.invalid2') }];
  deps.db.delete(conversations).where(eq(conversations.personId, personId)).run();
  const marked = deps.db
    .update(pulseRequests)
    .set({ answered: true })
    .where(and(eq(pulseRequests.cycleId, cycleId), eq(pulseRequests.personId, personId), eq(pulseRequests.answered, false)))
    .run().changes;
  // answered already (e.g. from an older message): one answer per person and cycle
  if (marked === 0) return [{ text: t(locale, 'pulse.thanks') }];
  const department = deps.db.$client.prepare<[number], { departmentId: number | null }>(`select department_id as departmentId from people where id = ?`).get(personId)?.departmentId ?? null;
  deps.db.insert(pulseAnswers).values({ cycleId, departmentId: department, acceptance: Number(conversation.data?.acceptance), clarity: value }).run();
  return [{ text: t(locale, 'pulse.thanks') }];
}
