import { inTransaction, type Db } from '../../db/client';
import type { conversations } from '../../db/schema';
import { isConfirmation } from '../domain/standupPrefill';
import { stripControl } from '../domain/stripControl';
import { asLocale, t, type Locale } from '../i18n';
import { enqueue } from '../outbox/enqueue';
import type { InboundEvent, OutboundMessage } from '../platform/port';
import { claimInboundId } from '../services/chat/inboundEvents';
import { BUSY_MS } from '../services/chat/enterFlow';
import type { ServiceDeps } from '../services/context';
import { preparedOnce } from '../services/preparedOnce';
import { leaderboardReply, pointsReply, redeemFromChat, redeemMenu, REWARD_ACTIONS } from '../services/points/pointsChat';
import { resumeStandup, startStandupEdit } from '../services/standup/resumeStandup';
import { STANDUP_ACTIONS } from '../services/standup/standupMessages';
import { OPENING_ACTIONS } from '../services/standup/standupOpening';
import { submitStandupAnswer } from '../services/standup/submitStandupAnswer';
import { takeLeaveThisWeek } from '../services/standup/takeLeaveThisWeek';
import { CHECKIN_FLOW, handleGoalAction, handleGoalText, myGoalsReply } from '../services/goals/goalChat';
import { linkMessage } from '../services/auth/loginLinks';
import { parseCommand } from './commands';
import { answerSelfReview, resumeSelfReview, REVIEW_ACTIONS, SELF_REVIEW_FLOW } from '../services/reviews/selfReviewChat';
import { answerAppeal, APPEAL_FLOW, beginAppeal } from '../services/appeals/appealChat';
import { answerPulse, PULSE_FLOW, resumePulse } from '../services/pulse/pulseChat';
import { answerMentoring, MENTORING_FLOW, resumeMentoring } from '../services/talent/mentors/mentoringChat';

export interface InboundResult {
  duplicate: boolean;
  replies: number;
}

export interface InboundOptions {
  /** Runs inside the event's transaction once the event is known to be new (e.g. to show it in a transcript). */
  onAccepted?: () => void;
  /**
   * The caller has recorded this event once and for all as row `inboxId` of its own inbox (WeCom's wecom_inbound,
   * unique per callback) and handles it inside a savepoint of its own that also marks that row processed. Then the
   * inbox row is the event's record: no second one in inbound_events (two inserts and their index entries per event)
   * and no savepoint of this function's own (two statements more).
   */
  inboxId?: number;
}

/**
 * The one entry point for what people say or click, on every platform. The event is recorded under its
 * platform key and handled in the same transaction: a retry is dropped, a crash leaves it unrecorded.
 */
export function handleInbound(deps: ServiceDeps, received: InboundEvent, opts: InboundOptions = {}): InboundResult {
  // What people type on any platform loses NUL and other control characters here, before it is stored or parsed.
  const event: InboundEvent = received.kind === 'text' ? { ...received, text: stripControl(received.text) } : received;
  if (opts.inboxId !== undefined) return handleRecorded(deps, event, `inbox-${opts.inboxId}`);
  return inTransaction(deps.db, () => {
    const inboundId = claimInboundId(deps, event.platform, event.eventKey);
    if (inboundId === undefined) return { duplicate: true, replies: 0 };
    opts.onAccepted?.();
    return handleRecorded(deps, event, String(inboundId));
  });
}

/** A new event, recorded (under `recordId`, unique per platform): its replies, enqueued in the caller's transaction. */
function handleRecorded(deps: ServiceDeps, event: InboundEvent, recordId: string): InboundResult {
  const person = personOf(deps.db, event.personId);
  // Someone who has left (deactivated by an import or the contacts sync) is recorded but not answered.
  if (!person?.active) return { duplicate: false, replies: 0 };
  const locale = asLocale(person.locale, deps.settings.defaultLocale);
  const replies = route(deps, event, locale);
  // Keyed by the event's record (unique, rising): the platform's own event ids are random, and each random key
  // dirtied a page of its own in the outbox's unique index.
  // A reply goes back on the platform the person wrote from (the local chat's go where the person is routed).
  const via = event.platform === 'local' ? undefined : event.platform;
  const items = replies.map((message, i) => ({ dedupeKey: `reply:${event.platform}:${recordId}:${i}`, target: { kind: 'person' as const, personId: event.personId }, message, via }));
  // The local chat's replies are written already sent, beside their messages, where they may go now (nothing of the
  // person's still queued, the rate allowing: bot/outbox/deliverAtEnqueue.ts): a pending row marked sent in a
  // savepoint of its own afterwards wrote the row twice and its pending-index entries once more.
  if (event.platform === 'local' && deps.deliverAtEnqueue) deps.deliverAtEnqueue.enqueue(deps, items);
  else enqueue(deps, items);
  return { duplicate: false, replies: replies.length };
}

// Every inbound event runs these: prepared once, plain statements (drizzle's prepared query still mapped every row
// through its column decoders: ~25 µs of an answer in the profile).
type ConversationRow = typeof conversations.$inferSelect;
const personOf = (db: Db, id: number) =>
  preparedOnce(db, 'inbound.person', () => db.$client.prepare<[number], { id: number; locale: string; active: number }>('select id, locale, active from people where id = ?')).get(id);
function conversationOf(db: Db, personId: number): ConversationRow | undefined {
  const row = preparedOnce(db, 'inbound.conversation', () =>
    db.$client.prepare<[number], Omit<ConversationRow, 'data'> & { data: string | null }>(
      'select person_id as personId, flow, step, subject_id as subjectId, data, expires_at as expiresAt, updated_at as updatedAt from conversations where person_id = ?',
    ),
  ).get(personId);
  return row && { ...row, data: row.data === null ? null : (JSON.parse(row.data) as ConversationRow['data']) };
}

/** A flow touched in the last two hours is being answered; an older one is stale. */
function answering(deps: ServiceDeps, conversation: { updatedAt: string } | undefined): boolean {
  return conversation !== undefined && Date.parse(conversation.updatedAt) > deps.now().getTime() - BUSY_MS;
}

function route(deps: ServiceDeps, event: InboundEvent, locale: Locale): OutboundMessage[] {
  const conversation = conversationOf(deps.db, event.personId);
  const inStandup = conversation && (conversation.flow === 'standup' || conversation.flow === 'standup-edit');

  const checkin = conversation?.flow === CHECKIN_FLOW ? conversation : undefined;
  // Question 1 showed what the systems recorded this week: confirming takes it as the answer.
  const prefill = inStandup && conversation.flow === 'standup' && conversation.step === 0 && typeof conversation.data?.prefill === 'string' ? conversation.data.prefill : undefined;

  if (event.kind === 'action') {
    const goalReplies = handleGoalAction(deps, event.personId, locale, event.actionId, event.value, checkin);
    if (goalReplies) return goalReplies;
    if (event.actionId === STANDUP_ACTIONS.edit) return startStandupEdit(deps, event.personId, locale, Number(event.value));
    if (event.actionId === STANDUP_ACTIONS.confirmPrefill) {
      // Only for the question being asked now; a Confirm from an older message resumes where the person is.
      if (prefill && event.value === '0') return submitStandupAnswer(deps, { requestId: conversation!.subjectId, questionIndex: 0, text: prefill, enteredBy: event.enteredBy });
      return resumeStandup(deps, event.personId, locale);
    }
    if (event.actionId === STANDUP_ACTIONS.skip) {
      // A Skip button from an older message only counts for the question being asked now.
      if (inStandup && String(conversation.step) === event.value) {
        return submitStandupAnswer(deps, { requestId: conversation.subjectId, questionIndex: conversation.step, text: null, enteredBy: event.enteredBy });
      }
      return resumeStandup(deps, event.personId, locale);
    }
    if (event.actionId === REVIEW_ACTIONS.form) return resumeSelfReview(deps, event.personId, locale);
    if (event.actionId === REWARD_ACTIONS.redeem) return [redeemFromChat(deps, event.personId, locale, Number(event.value))];
    // The standup opening card (WeCom): start = ask where they are; on leave = excused for the rest of the week.
    if (event.actionId === OPENING_ACTIONS.start) return resumeStandup(deps, event.personId, locale);
    if (event.actionId === OPENING_ACTIONS.leave) return takeLeaveThisWeek(deps, { personId: event.personId, locale, periodKey: event.value });
    return [{ text: `${t(locale, 'help.unknown')}\n\n${t(locale, 'help.text')}` }];
  }

  const command = parseCommand(event.text);
  if (command?.name === 'points') return [pointsReply(deps, event.personId, locale)];
  if (command?.name === 'leaderboard') return [leaderboardReply(deps, event.personId, locale)];
  if (command?.name === 'redeem') return [redeemMenu(deps, event.personId, locale)];
  if (command?.name === 'goals') return [myGoalsReply(deps, event.personId, locale)];
  if (command?.name === 'help') return [{ text: t(locale, 'help.text') }];
  if (command?.name === 'login') return [linkMessage(deps, event.personId, locale, 'sign_in').message];
  if (command?.name === 'standup') return resumeStandup(deps, event.personId, locale);
  if (command?.name === 'review') return resumeSelfReview(deps, event.personId, locale);
  if (command?.name === 'edit') return startStandupEdit(deps, event.personId, locale, command.n);
  if (command?.name === 'pulse') return resumePulse(deps, event.personId, locale);
  if (command?.name === 'mentoring') return resumeMentoring(deps, event.personId, locale);
  // "申诉 <reason>" starts an appeal; while another flow is being answered only the bare word does (an answer may begin so).
  if (command?.name === 'appeal' && (command.reason === '' || !answering(deps, conversation))) return beginAppeal(deps, event.personId, locale, command.reason);
  if (checkin) return handleGoalText(deps, event.personId, locale, event.text, checkin);
  if (conversation?.flow === APPEAL_FLOW) {
    const text = event.text.trim();
    return text === '' ? [] : answerAppeal(deps, event.personId, locale, text, conversation.subjectId);
  }
  if (conversation?.flow === PULSE_FLOW) return answerPulse(deps, event.personId, locale, event.text, conversation);
  if (conversation?.flow === MENTORING_FLOW) return answerMentoring(deps, event.personId, locale, event.text, conversation.subjectId);
  if (conversation?.flow === SELF_REVIEW_FLOW) {
    const text = event.text.trim();
    return text === '' ? [] : answerSelfReview(deps, event.personId, locale, text, conversation.step, conversation.subjectId);
  }
  if (inStandup) {
    const said = command?.name === 'skip' ? null : event.text.trim();
    if (said === '') return [];
    const text = prefill && said !== null && isConfirmation(said) ? prefill : said;
    return submitStandupAnswer(deps, { requestId: conversation.subjectId, questionIndex: conversation.step, text, enteredBy: event.enteredBy });
  }
  return [{ text: `${t(locale, 'help.unknown')}\n\n${t(locale, 'help.text')}` }];
}
