import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { SnapshotEntry } from '../../../db/schema';

export interface LeaderboardSnapshotView {
  id: number;
  month: string;
  takenAt: string;
  population: number;
  cutoffScore: number | null;
  /** Everyone ranked in it (all pages). */
  total: number;
  entries: SnapshotEntry[];
}

/** Whether the month's announcement has been made (its snapshot finished). */
export function isAnnounced(db: Db, month: string): boolean {
  return Boolean(db.get(sql`select 1 from leaderboard_snapshots where month = ${month} and phase = 'done'`));
}

/**
 * A month's leaderboard as announced (a finished snapshot; undefined before), with a page of its entries in rank
 * order: places `offset + 1` … `offset + limit`, a range of the entries' place index.
 */
export function leaderboardSnapshot(db: Db, month: string, page: { limit: number; offset: number } = { limit: -1, offset: 0 }): LeaderboardSnapshotView | undefined {
  const s = db.get<Omit<LeaderboardSnapshotView, 'entries'>>(sql`
    select id, month, taken_at as takenAt, population, cutoff_score as cutoffScore, ranked as total from leaderboard_snapshots where month = ${month} and phase = 'done'`);
  if (!s) return undefined;
  const last = page.limit < 0 ? s.total : page.offset + page.limit;
  const entries = db
    .all<Omit<SnapshotEntry, 'top'> & { top: number }>(sql`
      select person_id as personId, name, department, score, rank, top from leaderboard_snapshot_entries
      where snapshot_id = ${s.id} and pos > ${page.offset} and pos <= ${last} order by pos`)
    .map((e) => ({ ...e, top: e.top === 1 }));
  return { ...s, entries };
}
