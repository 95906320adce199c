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
 * A month's leaderboard, computed in SQL: earned points per person in that month (their own time zone;
 * only earning kinds carry score_month, so the (score_month, person_id, amount) index covers the query),
 * positive scores only, competition ranking (1, 2, 2, 4). Optionally one department and its sub-departments.
 */
export function monthLeaderboard(db: Db, month: string, opts: { departmentPath?: string; limit?: number } = {}): LeaderboardRow[] {
  const dept = opts.departmentPath ?? null;
  return db.all<LeaderboardRow>(sql`
    with scores as (
      select person_id, sum(amount) as score from points_ledger
      where score_month = ${month}
      group by person_id having sum(amount) > 0
    )
    select p.id as personId, p.name, d.path as department, s.score, rank() over (order by s.score desc) as rank
    from scores s join people p on p.id = s.person_id left join departments d on d.id = p.department_id
    where p.active = 1 and (${dept} is null or d.path = ${dept} or d.path like ${dept} || '/%')
    order by s.score desc, p.name
    limit ${opts.limit ?? -1}`);
}

/** A person's rank in a month among everyone with a positive score (one indexed pass), or null with none. */
export function rankOf(db: Db, personId: number, month: string): { rank: number; of: number } | null {
  const row = db.get<{ mine: number | null; above: number; of: number }>(sql`
    with scores as (
      select person_id, sum(amount) as score from points_ledger
      where score_month = ${month}
      group by person_id having sum(amount) > 0
    )
    select (select score from scores where person_id = ${personId}) as mine,
           (select count(*) from scores where score > coalesce((select score from scores where person_id = ${personId}), 0)) as above,
           (select count(*) from scores) as of`);
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
