import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inScope, type ReportScope } from './reportScope';

export interface PointsDistribution {
  month: string;
  people: number;
  mean: number;
  median: number;
  max: number;
  /** Score bands of equal width, lowest first; `from`–`to` both included. */
  buckets: { from: number; to: number; count: number }[];
}

/** A band width that reads well: 1, 2, 5, 10, 20, 50… so that about `bands` bands cover the top score. */
function bandWidth(max: number, bands: number): number {
  const raw = Math.max(1, max / bands);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((w) => w >= raw)!;
}

/**
 * How this month's points are spread over the active people in scope (everyone with none counts as 0): equal score
 * bands, with the mean, median and top score. One grouped query served by the ledger's (score_month, person, amount)
 * index.
 */
export function pointsDistribution(db: Db, input: { month: string; scope: ReportScope }): PointsDistribution {
  const rows = db.all<{ score: number }>(sql`
    select coalesce((select sum(l.amount) from points_ledger l where l.person_id = p.id and l.score_month = ${input.month}), 0) as score
    from people p left join departments dp on dp.id = p.department_id
    where p.active = 1 and ${inScope(input.scope, sql`p.id`, sql`dp.path`)}`);
  const scores = rows.map((r) => r.score).sort((a, b) => a - b);
  const max = scores.at(-1) ?? 0;
  const width = bandWidth(max, 8);
  const buckets: PointsDistribution['buckets'] = [];
  if (scores.length) buckets.push({ from: 0, to: 0, count: 0 }); // nobody earning anything is its own bar
  for (let from = 1; from <= max; from += width) buckets.push({ from, to: from + width - 1, count: 0 });
  for (const s of scores) {
    const b = s <= 0 ? buckets[0] : buckets[1 + Math.floor((s - 1) / width)];
    b.count++;
  }
  const mid = scores.length / 2;
  const median = scores.length === 0 ? 0 : scores.length % 2 ? scores[Math.floor(mid)] : (scores[mid - 1] + scores[mid]) / 2;
  const mean = scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10 : 0;
  return { month: input.month, people: scores.length, mean, median, max, buckets };
}
