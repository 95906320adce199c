import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

export interface LeaderboardRow {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  rank: number;
}

/**
 * A month's leaderboard: earned points per person in that month (their own time zone), read from points_monthly
 * (kept by a trigger on every ledger insert, so it never sums the ledger: 10M ledger rows cost what 10k totals
 * do), positive scores only, competition ranking (1, 2, 2, 4). Optionally one department and its sub-departments.
 */
export function monthLeaderboard(db: Db, month: string, opts: { departmentPath?: string; limit?: number } = {}): LeaderboardRow[] {
  const dept = opts.departmentPath ?? null;
  return db.all<LeaderboardRow>(sql`
    select p.id as personId, p.name, d.path as department, s.score, rank() over (order by s.score desc) as rank
    from points_monthly s join people p on p.id = s.person_id left join departments d on d.id = p.department_id
    where s.score_month = ${month} and s.score > 0
      and p.active = 1 and (${dept} is null or d.path = ${dept} or d.path like ${dept} || '/%')
    order by s.score desc, p.name
    limit ${opts.limit ?? -1}`);
}

/** A person's rank in a month among everyone with a positive score (two index lookups), or null with none. */
export function rankOf(db: Db, personId: number, month: string): { rank: number; of: number } | null {
  const row = db.get<{ mine: number | null; above: number; of: number }>(sql`
    with mine as (select score from points_monthly where score_month = ${month} and person_id = ${personId} and score > 0)
    select (select score from mine) as mine,
           (select count(*) from points_monthly where score_month = ${month} and score > coalesce((select score from mine), 0)) as above,
           (select count(*) from points_monthly where score_month = ${month} and score > 0) as of`);
  return row?.mine ? { rank: row.above + 1, of: row.of } : null;
}

/**
 * The top share of the month: at least one person, everyone tied at the cut-off score included, zero
 * scores never. `population` is the number of active people the share is taken of.
 */
export function topCut(rows: LeaderboardRow[], population: number, percent: number): { cutoff: number | null; top: LeaderboardRow[] } {
  if (rows.length === 0) return { cutoff: null, top: [] };
  const k = Math.max(1, Math.ceil((population * percent) / 100));
  const cutoff = rows[Math.min(k, rows.length) - 1].score;
  return { cutoff, top: rows.filter((r) => r.score >= cutoff) };
}
