import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';

export interface LeaderboardRow {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  rank: number;
}

export interface LeaderboardPage {
  rows: LeaderboardRow[];
  /** Everyone ranked under the same filter (all pages together); -1 when not asked for (`withTotal: false`). */
  total: number;
}

/** The department and its sub-departments (by path), as a list of ids for `in (…)`. */
function departmentIds(departmentPath: string): SQL {
  return sql`(select id from departments where path = ${departmentPath} or path like ${departmentPath} || '/%')`;
}

/**
 * How many are ranked with a score above `above` (0: everyone ranked). Everyone: the month's index range counted
 * less the inactive people in it (few, found through people_active_tz_idx), so neither count joins 100,000 people
 * (the join was 25–50 ms at 100,000). A department: its active people (people_department_idx) looked up in the month.
 */
function countAbove(db: Db, month: string, above: number, departmentPath: string | undefined): number {
  // CROSS JOIN keeps people the outer loop: left to itself the planner walked the month's 100,000 scores and looked
  // each person up (20-25 ms at 100,000 people, 130 ms with the 10M-row ledger's file around it) to find none inactive.
  if (departmentPath != null) {
    return db.get<{ n: number }>(sql`select count(*) as n from people p cross join points_monthly s
      where p.department_id in ${departmentIds(departmentPath)} and p.active = 1 and s.score_month = ${month} and s.person_id = p.id and s.score > ${above}`)!.n;
  }
  return db.get<{ n: number }>(sql`select
      (select count(*) from points_monthly where score_month = ${month} and score > ${above})
    - (select count(*) from people p cross join points_monthly s where p.active = 0 and s.score_month = ${month} and s.person_id = p.id and s.score > ${above}) as n`)!.n;
}

/**
 * A month's leaderboard: earned points per person in that month (their own time zone), read from points_monthly
 * (kept by a trigger on every ledger insert, so it never sums the ledger: 10M ledger rows cost what 10k totals
 * do), positive scores only, active people only, competition ranking (1, 2, 2, 4). Optionally one department and its
 * sub-departments (ranked within it). Order: score descending, then person id — the order of points_monthly_rank_idx,
 * so a page is a walk of that index from `offset` (the active filter an in-memory set of the few inactive, or of the
 * department's people), then the page's people looked up; never a sort of the month. Ties were ordered by name before
 * issue 15; the name is not in the index, and at 100,000 people sorting by it was most of a 391 ms statement. The
 * page's first rank is one more than the number of higher scores; the rest follow from the scores.
 */
export function leaderboardPage(db: Db, month: string, opts: { departmentPath?: string; limit?: number; offset?: number; withTotal?: boolean } = {}): LeaderboardPage {
  const offset = opts.offset ?? 0;
  const who =
    opts.departmentPath == null
      ? sql`person_id not in (select id from people where active = 0)`
      : sql`person_id in (select id from people where active = 1 and department_id in ${departmentIds(opts.departmentPath)})`;
  const page = db.all<LeaderboardRow>(sql`
    select s.person_id as personId, p.name, d.path as department, s.score, 0 as rank
    from (select person_id, score from points_monthly where score_month = ${month} and score > 0 and ${who}
          order by score desc, person_id limit ${opts.limit ?? -1} offset ${offset}) s
    join people p on p.id = s.person_id left join departments d on d.id = p.department_id
    order by s.score desc, s.person_id`);
  const total = opts.withTotal === false ? -1 : countAbove(db, month, 0, opts.departmentPath);
  if (page.length === 0) return { rows: [], total };
  // ranks set in place (a 10,000-row page copied once more was a good part of its garbage collection)
  let rank = offset === 0 ? 1 : countAbove(db, month, page[0].score, opts.departmentPath) + 1;
  for (let i = 0; i < page.length; i++) {
    if (i > 0 && page[i].score !== page[i - 1].score) rank = offset + i + 1;
    page[i].rank = rank;
  }
  return { rows: page, total };
}

/** The month's leaderboard rows (a first page of `limit`, or everyone; no total counted): see leaderboardPage. */
export function monthLeaderboard(db: Db, month: string, opts: { departmentPath?: string; limit?: number } = {}): LeaderboardRow[] {
  return leaderboardPage(db, month, { ...opts, withTotal: false }).rows;
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

/** How many of the ranked come first: at least one, everyone tied at the cut-off score included (see topCut). */
export function topCount(population: number, percent: number): number {
  return Math.max(1, Math.ceil((population * percent) / 100));
}

/**
 * The top share of the month: at least one person, everyone tied at the cut-off score included, zero
 * scores never. `population` is the number of active people the share is taken of.
 */
export function topCut(rows: LeaderboardRow[], population: number, percent: number): { cutoff: number | null; top: LeaderboardRow[] } {
  if (rows.length === 0) return { cutoff: null, top: [] };
  const k = topCount(population, percent);
  const cutoff = rows[Math.min(k, rows.length) - 1].score;
  return { cutoff, top: rows.filter((r) => r.score >= cutoff) };
}
