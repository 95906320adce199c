import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inScope, weeksOf, type ReportScope } from './reportScope';

export interface OverdueWeek {
  week: string;
  /** The day counted: the week's Sunday, or today for the running week. */
  asOf: string;
  /** Check-ins due before that day and not made by its end. */
  overdue: number;
  /** Whose they were. */
  people: number;
}

/**
 * The overdue trend: per ISO week of [from, to] (up to today), how many check-ins were overdue at the week's end —
 * due before it and not made by then — and of how many people. One query over the checkpoints that can count
 * (due before the last day, not checked in before the first), counted per week in memory.
 */
export function overdueTrend(db: Db, input: { from: string; to: string; today: string; scope: ReportScope }): { weeks: OverdueWeek[] } {
  const weeks = weeksOf(input.from, input.to).filter((w) => w.monday <= input.today).map((w) => ({ week: w.week, asOf: w.sunday < input.today ? w.sunday : input.today }));
  if (weeks.length === 0) return { weeks: [] };
  const rows = db.all<{ dueDate: string; checkedOn: string | null; ownerId: number }>(sql`
    select c.due_date as dueDate, substr(c.checked_in_at, 1, 10) as checkedOn, g.owner_id as ownerId
    from checkpoints c join goals g on g.id = c.goal_id join people p on p.id = g.owner_id left join departments dp on dp.id = p.department_id
    where c.due_date < ${weeks.at(-1)!.asOf} and (c.checked_in_at is null or c.checked_in_at > ${weeks[0].asOf})
      and ${inScope(input.scope, sql`p.id`, sql`dp.path`)}`);
  return {
    weeks: weeks.map(({ week, asOf }) => {
      const late = rows.filter((r) => r.dueDate < asOf && (r.checkedOn === null || r.checkedOn > asOf));
      return { week, asOf, overdue: late.length, people: new Set(late.map((r) => r.ownerId)).size };
    }),
  };
}
