import { and, count, eq, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { leaderboardSnapshots, people } from '../../../db/schema';
import { addLocalDays, localDate, zonedInstant } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import { pilotAudience } from '../settings/audiences';
import { runAll, runInSlices } from '../slices';
import { snapshotSteps } from './snapshotSteps';

const CATCH_UP_DAYS = 7;

/** When a month's recognition is due: the last working day of the month at the configured time. */
export function leaderboardDueAt(deps: ServiceDeps, month: string): Date {
  const cal = deps.calendar();
  const [y, m] = month.split('-').map(Number);
  let day = addLocalDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
  for (let i = 0; i < 31 && !cal.isCompanyWorkday(day); i++) day = addLocalDays(day, -1);
  return zonedInstant(day, deps.settings.leaderboard.time, deps.settings.defaultTimezone);
}

function previousMonth(month: string): string {
  return addLocalDays(`${month}-01`, -1).slice(0, 7);
}

/**
 * Job `leaderboard-monthly`: when a month's due time has passed (this month or, after downtime, last month),
 * snapshot its leaderboard once, announce the top share in the channel and tell every participant their rank.
 * `manual` does the current month now. The snapshot's unique month makes a second run announce nothing; a snapshot a
 * crash left part-way is finished first (whatever its month's window), from where it got to. Runs in slices with the
 * event loop free between them (`snapshotSteps`): 100,000 people ranked and told in one transaction held it ~0.4 s.
 */
export function announceLeaderboard(deps: ServiceDeps, opts: { manual: boolean }): Promise<{ announced: string[] }> {
  return runInSlices(announceSteps(deps, opts), deps.db);
}

/** The same at once (tests, dry runs). */
export function announceLeaderboardNow(deps: ServiceDeps, opts: { manual: boolean }): { announced: string[] } {
  return runAll(announceSteps(deps, opts));
}

function* announceSteps(deps: ServiceDeps, opts: { manual: boolean }): Generator<void, { announced: string[] }> {
  const now = deps.now();
  const current = localDate(now, deps.settings.defaultTimezone).slice(0, 7);
  const unfinished = deps.db.all<{ month: string }>(sql`select month from leaderboard_snapshots where phase != 'done' order by month`).map((r) => r.month);
  const due = opts.manual
    ? [current]
    : [previousMonth(current), current].filter((m) => {
        const at = leaderboardDueAt(deps, m).getTime();
        return now.getTime() >= at && now.getTime() < at + CATCH_UP_DAYS * 86_400_000;
      });
  const announced: string[] = [];
  for (const month of [...new Set([...unfinished, ...due])]) {
    if (!unfinished.includes(month) && !startSnapshot(deps, month)) continue;
    yield;
    if (yield* snapshotSteps(deps, month)) announced.push(month);
  }
  return { announced };
}

/** Stores the month's snapshot as begun (population frozen), unless the month has one already: then false. */
function startSnapshot(deps: ServiceDeps, month: string): boolean {
  const { db } = deps;
  return inTransaction(db, () => {
    if (db.select({ id: leaderboardSnapshots.id }).from(leaderboardSnapshots).where(eq(leaderboardSnapshots.month, month)).get()) return false;
    // In a pilot only its people are ranked, counted and told; the others join when the scope widens.
    const pilot = pilotAudience(deps);
    const population = db.select({ n: count() }).from(people).where(and(eq(people.active, true), pilot.sql(sql`${people.departmentId}`))).get()!.n;
    db.insert(leaderboardSnapshots).values({ month, takenAt: deps.now().toISOString(), population, cutoffScore: null, phase: 'collecting' }).run();
    return true;
  });
}
