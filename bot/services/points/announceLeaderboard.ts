import { and, count, eq, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { leaderboardSnapshots, people, type SnapshotEntry } from '../../../db/schema';
import { addLocalDays, localDate, zonedInstant } from '../../domain/localTime';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { monthLeaderboard, topCut } from './leaderboard';
import { pilotAudience } from '../settings/audiences';

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
 * `manual` does the current month now. The snapshot's unique month makes a second run announce nothing.
 */
export function announceLeaderboard(deps: ServiceDeps, opts: { manual: boolean }): { announced: string[] } {
  const now = deps.now();
  const current = localDate(now, deps.settings.defaultTimezone).slice(0, 7);
  const months = opts.manual
    ? [current]
    : [previousMonth(current), current].filter((m) => {
        const due = leaderboardDueAt(deps, m).getTime();
        return now.getTime() >= due && now.getTime() < due + CATCH_UP_DAYS * 86_400_000;
      });
  return { announced: months.filter((m) => announceMonth(deps, m)) };
}

function announceMonth(deps: ServiceDeps, month: string): boolean {
  const { db, settings } = deps;
  const percent = settings.leaderboard.topPercent;
  return inTransaction(db, () => {
    if (db.select({ id: leaderboardSnapshots.id }).from(leaderboardSnapshots).where(eq(leaderboardSnapshots.month, month)).get()) return false;
    // In a pilot only its people are ranked, counted and told; the others join when the scope widens.
    const pilot = pilotAudience(deps);
    const population = db.select({ n: count() }).from(people).where(and(eq(people.active, true), pilot.sql(sql`${people.departmentId}`))).get()!.n;
    const inPilot = pilot.everyone ? null : new Set(db.select({ id: people.id }).from(people).where(pilot.sql(sql`${people.departmentId}`)).all().map((p) => p.id));
    const rows = rerank(monthLeaderboard(db, month).filter((r) => !inPilot || inPilot.has(r.personId)));
    const { cutoff, top } = topCut(rows, population, percent);
    const topIds = new Set(top.map((r) => r.personId));
    const entries: SnapshotEntry[] = rows.map((r) => ({ ...r, top: topIds.has(r.personId) }));
    db.insert(leaderboardSnapshots).values({ month, takenAt: deps.now().toISOString(), population, cutoffScore: cutoff, entries }).run();

    const locale = settings.defaultLocale;
    const lines = top.map((r) => t(locale, 'leaderboard.row', { rank: r.rank, name: r.department ? `${r.name}（${r.department}）` : r.name, score: r.score }));
    const announcement = top.length ? [t(locale, 'leaderboard.announce', { month, percent }), ...lines].join('\n') : t(locale, 'leaderboard.announceEmpty', { month });
    const items: OutboxItem[] = [{ dedupeKey: `leaderboard:${month}:announce`, target: { kind: 'channel', channel: settings.leaderboard.announceChannel }, message: { text: announcement } }];
    const locales = new Map(db.select({ id: people.id, locale: people.locale }).from(people).all().map((p) => [p.id, asLocale(p.locale, locale)]));
    for (const e of entries) {
      const l = locales.get(e.personId) ?? locale;
      const text = t(l, e.top ? 'leaderboard.personalTop' : 'leaderboard.personal', { month, score: e.score, rank: e.rank, of: entries.length, percent });
      items.push({ dedupeKey: `leaderboard:${month}:${e.personId}`, target: { kind: 'person', personId: e.personId }, message: { text } });
    }
    enqueue(deps, items);
    return true;
  });
}

export function leaderboardSnapshot(deps: ServiceDeps, month: string) {
  return deps.db.select().from(leaderboardSnapshots).where(eq(leaderboardSnapshots.month, month)).get();
}

/** Ranks again after filtering (the pilot): equal scores share a rank, as SQL's rank() does. */
function rerank<T extends { score: number; rank: number }>(rows: T[]): T[] {
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || rows[i - 1].score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
}
