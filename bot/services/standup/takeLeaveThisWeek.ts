import { and, eq, gte, lte } from 'drizzle-orm';
import { conversations, leaves, people, standupRequests, standupRounds } from '../../../db/schema';
import { localDate, weekdayOfWeek, weekKey } from '../../domain/localTime';
import { t, type Locale } from '../../i18n';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { isRoundOpen } from './standupRounds';
import { clearConversation } from './standupState';

export const LEAVE_REASON = 'on leave this week (standup card)';

/**
 * "On leave this week" from the standup card: records leave from today to Sunday (the person's own
 * calendar), and excuses them from the round — the reminder skips them and the digest does not list
 * them as missing. Answers already given are kept. Run inside the inbound transaction.
 */
export function takeLeaveThisWeek(deps: ServiceDeps, input: { personId: number; locale: Locale; periodKey: string }): OutboundMessage[] {
  const { db } = deps;
  const now = deps.now();
  const found = db
    .select({ request: standupRequests, round: standupRounds, timezone: people.timezone })
    .from(standupRequests)
    .innerJoin(standupRounds, eq(standupRounds.id, standupRequests.roundId))
    .innerJoin(people, eq(people.id, standupRequests.personId))
    .where(and(eq(standupRequests.personId, input.personId), eq(standupRounds.periodKey, input.periodKey)))
    .get();
  if (!found || !isRoundOpen(found.round, now)) return [{ text: t(input.locale, 'standup.nothingOpen') }];

  const today = localDate(now, found.timezone);
  const sunday = weekdayOfWeek(today, 7);
  // Clicked after the week ended (the round stays open into the next week): excuse, but record no leave.
  const thisWeek = weekKey(today) === input.periodKey;
  if (thisWeek && !coveredByLeave(deps, input.personId, today, sunday)) {
    db.insert(leaves).values({ personId: input.personId, startDate: today, endDate: sunday, reason: LEAVE_REASON }).run();
  }
  if (!found.request.completedAt && !found.request.excusedAt) {
    db.update(standupRequests).set({ excusedAt: now.toISOString() }).where(eq(standupRequests.id, found.request.id)).run();
  }
  const conversation = db.select({ flow: conversations.flow, subjectId: conversations.subjectId }).from(conversations).where(eq(conversations.personId, input.personId)).get();
  if (conversation?.flow.startsWith('standup') && conversation.subjectId === found.request.id) clearConversation(deps, input.personId);

  return [{ text: thisWeek ? t(input.locale, 'wecom.leave.recorded', { from: today, to: sunday }) : t(input.locale, 'wecom.leave.excused', { week: input.periodKey }) }];
}

function coveredByLeave(deps: ServiceDeps, personId: number, from: string, to: string): boolean {
  return Boolean(
    deps.db
      .select({ id: leaves.id })
      .from(leaves)
      .where(and(eq(leaves.personId, personId), lte(leaves.startDate, from), gte(leaves.endDate, to)))
      .get(),
  );
}
