import { stripControl } from '../../domain/stripControl';
import { inTransaction } from '../../../db/client';
import { enqueue } from '../../outbox/enqueue';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { claimInboundId } from '../chat/inboundEvents';
import { loadRequestState, summary } from './standupState';
import { moveOn, recordAnswer } from './submitStandupAnswer';

export const MAX_ANSWER_LENGTH = 3000;

export interface FormSubmission {
  platform: string;
  /** Platform-unique id of this submission (Slack: the view_submission's trigger_id), so a repeat is dropped. */
  eventKey: string;
  personId: number;
  requestId: number;
  /** One per question in order; blank or null means skipped. */
  answers: (string | null)[];
}

export type FormOutcome =
  | { kind: 'saved'; duplicate: boolean }
  /** Per question index, why the answer was refused ('empty': nothing answered at all; 'tooLong'). */
  | { kind: 'invalid'; errors: Record<number, 'empty' | 'tooLong'> }
  | { kind: 'refused'; reason: 'none' | 'closed'; periodKey?: string };

/**
 * All standup answers at once (a form rather than one message per question). Each changed answer goes through
 * recordAnswer, as in chat, so the rules are the same: late after close, one point on time, blocker
 * alerts, no edits after close. The resulting summary replaces the person's prompt where the platform can.
 */
export function submitStandupForm(deps: ServiceDeps, input: FormSubmission): FormOutcome {
  const texts = input.answers.map((a) => stripControl(a ?? '').trim() || null);
  const tooLong = texts.flatMap((a, i) => (a && a.length > MAX_ANSWER_LENGTH ? [i] : []));
  if (tooLong.length) return { kind: 'invalid', errors: Object.fromEntries(tooLong.map((i) => [i, 'tooLong' as const])) };
  if (texts.every((a) => a === null)) return { kind: 'invalid', errors: { 0: 'empty' } };

  return inTransaction(deps.db, () => {
    const state = loadRequestState(deps, input.requestId);
    if (!state || state.person.id !== input.personId) return { kind: 'refused', reason: 'none' } as const;
    const questions = state.round.questions;
    const current = (i: number) => state.answers.find((a) => a.questionIndex === i);
    const changes = questions
      .map((_, i) => ({ i, text: texts[i] ?? null, was: current(i) }))
      // After close an existing answer stays as it was; only unanswered questions may still be answered (late).
      .filter(({ text, was }) => (was ? state.open && (was.skipped ? null : was.answer) !== text : true));
    if (!state.open && changes.length === 0) return { kind: 'refused', reason: 'closed', periodKey: state.round.periodKey } as const;
    const inboundId = claimInboundId(deps, input.platform, input.eventKey);
    if (inboundId === undefined) return { kind: 'saved', duplicate: true } as const;

    // Every changed answer under the chat's rules (late after close, blocker alerts), on the state loaded once; then
    // the conversation moves on once: the summary (with the point earned, if any), not a question asked per answer.
    let after = state;
    for (const { i, text } of changes) after = recordAnswer(deps, after, { requestId: input.requestId, questionIndex: i, text });
    const replies: OutboundMessage[] = changes.length ? moveOn(deps, after) : [];
    // With nothing changed, show the summary as it is.
    const shown = replies.at(-1) ?? summary(state, '');
    enqueue(deps, [
      {
        // Keyed by the event's row (rising), not Slack's random trigger id: one index page per commit group, not one each.
        dedupeKey: `standup-form:${input.platform}:${inboundId}`,
        target: { kind: 'person', personId: input.personId },
        // The key promptStandup sent this round's prompt under: that message now shows the answers.
        message: { ...shown, replaces: `standup-prompt:${state.round.periodKey}:${input.personId}` },
      },
    ]);
    return { kind: 'saved', duplicate: false } as const;
  });
}
