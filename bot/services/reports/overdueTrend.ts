import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { personInScope, weeksOf, type ReportScope } from './reportScope';

export interface OverdueWeek {
  week: string;
  /** The day counted: the week's Sunday, or today for the running week. */
  asOf: string;
  /** Check-ins due before that day and not made by its end. */
  overdue: number;
  /** Whose they were. */
  people: number;
}

/** The first index of a sorted list whose value is above `x` (or, with `orEqual`, at least `x`). */
function firstAbove(sorted: string[], x: string, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] > x || (orEqual && sorted[mid] === x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The overdue trend: per ISO week of [from, to] (up to today), how many check-ins were overdue at the week's end —
 * due before it and not made by then — and of how many people. One query over the checkpoints that can count (due
 * before the last day, not checked in before the first); each one then counts in the weeks from its due day to its
 * check-in, found by binary search (no pass over every week for every checkpoint).
 */
export function overdueTrend(db: Db, input: { from: string; to: string; today: string; scope: ReportScope }): { weeks: OverdueWeek[] } {
  const weeks = weeksOf(input.from, input.to).filter((w) => w.monday <= input.today).map((w) => ({ week: w.week, asOf: w.sunday < input.today ? w.sunday : input.today }));
  if (weeks.length === 0) return { weeks: [] };
  const rows = db.all<{ dueDate: string; checkedOn: string | null; ownerId: number }>(sql`
    select c.due_date as dueDate, substr(c.checked_in_at, 1, 10) as checkedOn, g.owner_id as ownerId
    from checkpoints c join goals g on g.id = c.goal_id
    where g.kind = 'performance' and c.due_date < ${weeks.at(-1)!.asOf} and (c.checked_in_at is null or c.checked_in_at > ${weeks[0].asOf})
      and ${personInScope(input.scope, sql`g.owner_id`)}`);
  const days = weeks.map((w) => w.asOf);
  const counts = weeks.map(() => 0);
  const people = weeks.map(() => new Set<number>());
  for (const r of rows) {
    // overdue on asOf when dueDate < asOf and not yet checked in on that day (asOf < checkedOn)
    const end = r.checkedOn === null ? weeks.length : firstAbove(days, r.checkedOn, true);
    for (let k = firstAbove(days, r.dueDate); k < end; k++) {
      counts[k]++;
      people[k].add(r.ownerId);
    }
  }
  return { weeks: weeks.map((w, k) => ({ ...w, overdue: counts[k], people: people[k].size })) };
}
