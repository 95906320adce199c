import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people, standupAnswers, standupRequests, standupRounds } from '../../../db/schema';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { channelDigest } from './channelDigest';
import { personSection, roundAnswers } from './standupDigest';
import { openRounds, type Round } from './standupRounds';
import { pilotAudience, standupPlans } from '../settings/audiences';

/**
 * Closes rounds whose closing time has passed (`manual`: every open round, now) and sends each manager
 * one digest of their team: everyone's answers, then who did not answer, to the manager only.
 */
export function closeStandup(deps: ServiceDeps, opts: { manual: boolean }): { closed: string[]; digests: number } {
  const result = { closed: [] as string[], digests: 0 };
  for (const round of openRounds(deps, !opts.manual)) {
    inTransaction(deps.db, () => {
      const claimed = deps.db
        .update(standupRounds)
        .set({ closedAt: deps.now().toISOString() })
        .where(and(eq(standupRounds.id, round.id), isNull(standupRounds.closedAt)))
        .run().changes;
      if (claimed === 0) return;
      result.closed.push(round.periodKey);
      result.digests += enqueue(deps, managerDigests(deps, round));
      // Each standup's channel (the company's, a department's own) gets its own people's answers.
      for (const plan of standupPlans(deps)) {
        const channel = plan.standup.digestChannel;
        if (channel) enqueue(deps, channelDigest(deps, round, channel, plan));
      }
    });
  }
  return result;
}

/** Each manager's digest of a round (also the test-only digest of the console's run-now, for the caller alone). */
export function managerDigests(deps: ServiceDeps, round: Round): OutboxItem[] {
  const { db } = deps;
  const rows = db
    .select({ requestId: standupRequests.id, completedAt: standupRequests.completedAt, late: standupRequests.late, personId: people.id, name: people.name, managerId: people.managerId, questions: standupRequests.questions })
    .from(standupRequests)
    .innerJoin(people, eq(people.id, standupRequests.personId))
    // people who said they are on leave this week (and did not answer) are not "missing"
    .where(and(eq(standupRequests.roundId, round.id), or(isNull(standupRequests.excusedAt), isNotNull(standupRequests.completedAt))))
    .orderBy(people.name)
    .all();
  const answersByRequest = roundAnswers(db, round.id);

  const teams = new Map<number, typeof rows>();
  for (const r of rows) if (r.managerId != null) teams.set(r.managerId, [...(teams.get(r.managerId) ?? []), r]);
  if (teams.size === 0) return [];
  const pilot = pilotAudience(deps);
  const managers = db
    .select({ id: people.id, locale: people.locale, active: people.active, departmentId: people.departmentId })
    .from(people)
    .where(inArray(people.id, [...teams.keys()]))
    .all();

  return managers
    .filter((m) => m.active && pilot.has(m.departmentId))
    .map((m) => {
      const locale = asLocale(m.locale, deps.settings.defaultLocale);
      const team = teams.get(m.id)!;
      const done = team.filter((r) => r.completedAt);
      const missing = team.filter((r) => !r.completedAt);
      const sections = done.map((r) => personSection(locale, r.questions ? { ...round, questions: r.questions } : round, r, answersByRequest.get(r.requestId) ?? []));
      const tail = missing.length
        ? t(locale, 'standup.digest.missing', { names: missing.map((r) => r.name).join(locale === 'en' ? ', ' : '、') })
        : t(locale, 'standup.digest.allAnswered');
      const title = t(locale, 'standup.digest.title', { week: round.periodKey, answered: done.length, total: team.length });
      return {
        dedupeKey: `standup-digest:${round.periodKey}:${m.id}`,
        target: { kind: 'person' as const, personId: m.id },
        message: { text: [title, ...sections, tail].join('\n\n') },
      };
    });
}
