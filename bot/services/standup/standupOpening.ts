import { and, eq } from 'drizzle-orm';
import { standupRequests, standupRounds } from '../../../db/schema';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { questionText } from './standupMessages';
import type { Round } from './standupRounds';

export const OPENING_ACTIONS = { start: 'standup.start', leave: 'standup.leave' } as const;

/**
 * The round's opening as one impersonal card: the week, how to answer, the first question, and two buttons
 * (start / on leave this week). It names nobody, so it is the same bytes for everyone of a locale — on a
 * platform that delivers one message to many people per call (WeCom: 1000), the fan-out batches.
 * Answering works as everywhere: the next text reply is the answer to question 1.
 */
export function openingMessage(locale: Locale, round: Pick<Round, 'periodKey' | 'questions'>): OutboundMessage {
  const { periodKey: week, questions } = round;
  return {
    text: [
      t(locale, 'wecom.standup.title', { week }),
      t(locale, 'wecom.standup.opening', { total: questions.length, question: questionText(locale, questions, 0) }),
    ].join('\n'),
    buttons: [
      { actionId: OPENING_ACTIONS.start, label: t(locale, 'wecom.standup.start'), value: week, style: 'primary' },
      { actionId: OPENING_ACTIONS.leave, label: t(locale, 'wecom.standup.leave'), value: week },
    ],
  };
}

/** Whether the fan-out to this platform should use the impersonal opening (it batches identical messages). */
export function batchesOpening(deps: ServiceDeps, platform: string): boolean {
  return deps.batchingPlatforms?.has(platform) ?? false;
}

/** Is this person done with the round of `periodKey` — answered everything, or on leave? */
export function standupSettled(deps: ServiceDeps, personId: number, periodKey: string): boolean {
  const row = deps.db
    .select({ completedAt: standupRequests.completedAt, excusedAt: standupRequests.excusedAt })
    .from(standupRequests)
    .innerJoin(standupRounds, eq(standupRounds.id, standupRequests.roundId))
    .where(and(eq(standupRequests.personId, personId), eq(standupRounds.periodKey, periodKey)))
    .get();
  return Boolean(row && (row.completedAt || row.excusedAt));
}
