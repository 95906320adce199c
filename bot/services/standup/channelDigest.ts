import { and, count, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { people, standupRequests } from '../../../db/schema';
import { t } from '../../i18n';
import type { OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { personSection, roundAnswers } from './standupDigest';
import type { Round } from './standupRounds';
import type { StandupPlan } from '../settings/audiences';

/** Replies stay well under a chat message's size limits (Slack: 3,000 characters per text block). */
const MAX_REPLY_CHARS = 2800;
const MAX_PEOPLE_PER_REPLY = 10;

/**
 * A closed round's digest for a team channel: one parent message with the count, everyone's answers as replies
 * in its thread, so the channel sees one message, never a flood. Who did not answer stays with the managers.
 */
export function channelDigest(deps: ServiceDeps, round: Round, channel: string, plan?: Pick<StandupPlan, 'key' | 'audience'>): OutboxItem[] {
  const { db } = deps;
  // A department's own standup posts only its people, under keys of its own; the company's keeps the plain keys.
  const mine = plan ? plan.audience.sql(sql`${people.departmentId}`) : sql`1 = 1`;
  const prefix = plan?.key ? `standup-channel:${round.periodKey}:${plan.key}` : `standup-channel:${round.periodKey}`;
  const locale = deps.settings.defaultLocale;
  // People who said they are on leave this week (and did not answer) are not counted, as in the managers' digests.
  const total = db
    .select({ n: count() })
    .from(standupRequests)
    .innerJoin(people, eq(people.id, standupRequests.personId))
    .where(and(eq(standupRequests.roundId, round.id), or(isNull(standupRequests.excusedAt), isNotNull(standupRequests.completedAt)), mine))
    .get()!.n;
  const done = db
    .select({ requestId: standupRequests.id, late: standupRequests.late, name: people.name, questions: standupRequests.questions })
    .from(standupRequests)
    .innerJoin(people, eq(people.id, standupRequests.personId))
    .where(and(eq(standupRequests.roundId, round.id), isNotNull(standupRequests.completedAt), mine))
    .orderBy(people.name)
    .all();
  const byRequest = roundAnswers(db, round.id);
  const sections = done.map((r) => personSection(locale, r.questions ? { ...round, questions: r.questions } : round, r, byRequest.get(r.requestId) ?? []));
  const parentKey = `${prefix}:parent`;
  const items: OutboxItem[] = [
    {
      dedupeKey: parentKey,
      target: { kind: 'channel', channel },
      message: { text: t(locale, 'slack.digest.parent', { week: round.periodKey, answered: done.length, total }) },
    },
  ];
  chunk(sections).forEach((group, i) => {
    items.push({ dedupeKey: `${prefix}:${i + 1}`, target: { kind: 'channel', channel }, message: { text: group.join('\n\n'), threadOf: parentKey } });
  });
  return items;
}

/** Groups sections into replies of at most MAX_PEOPLE_PER_REPLY people and about MAX_REPLY_CHARS characters. */
function chunk(sections: string[]): string[][] {
  const groups: string[][] = [];
  let size = 0;
  for (const s of sections) {
    const last = groups.at(-1);
    if (!last || last.length >= MAX_PEOPLE_PER_REPLY || size + s.length > MAX_REPLY_CHARS) {
      groups.push([s.slice(0, MAX_REPLY_CHARS)]);
      size = s.length;
    } else {
      last.push(s);
      size += s.length + 2;
    }
  }
  return groups;
}
