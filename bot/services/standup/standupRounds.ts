import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import { standupRounds } from '../../../db/schema';
import { roundCloseInstant } from '../../domain/standupSchedule';
import type { ServiceDeps } from '../context';

export type Round = typeof standupRounds.$inferSelect;

/** The round of a week, created on first use with its closing time and a snapshot of the questions. */
export function ensureRound(deps: ServiceDeps, periodKey: string, anyDateInWeek: string): Round {
  const { db, settings } = deps;
  const existing = db.select().from(standupRounds).where(eq(standupRounds.periodKey, periodKey)).get();
  if (existing) return existing;
  const closesAt = roundCloseInstant(anyDateInWeek, settings.standup, deps.calendar(), settings.defaultTimezone);
  return db
    .insert(standupRounds)
    .values({ periodKey, questions: settings.standup.questions, openedAt: deps.now().toISOString(), closesAt: closesAt.toISOString() })
    .onConflictDoUpdate({ target: standupRounds.periodKey, set: { periodKey } })
    .returning()
    .get();
}

/** The round of `periodKey` (an ISO week), or the latest one. */
export function latestRound(deps: ServiceDeps, periodKey?: string): Round | undefined {
  const q = deps.db.select().from(standupRounds);
  return (periodKey ? q.where(eq(standupRounds.periodKey, periodKey)) : q).orderBy(desc(standupRounds.periodKey)).limit(1).get();
}

export function isRoundOpen(round: Round, now: Date): boolean {
  return !round.closedAt && now.toISOString() < round.closesAt;
}

/** Rounds not yet closed; with `dueOnly`, only those whose closing time has passed. */
export function openRounds(deps: ServiceDeps, dueOnly: boolean): Round[] {
  const conds = [isNull(standupRounds.closedAt)];
  if (dueOnly) conds.push(lte(standupRounds.closesAt, deps.now().toISOString()));
  return deps.db.select().from(standupRounds).where(and(...conds)).all();
}
