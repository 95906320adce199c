import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { weekKey } from '../../domain/localTime';

export interface RateCell {
  due: number;
  onTime: number;
  /** onTime / due, 0–1, or null when nothing was due. */
  rate: number | null;
}

export interface WeekRate {
  week: string;
  company: RateCell;
  departments: (RateCell & { department: string })[];
}

const cell = (due: number, onTime: number): RateCell => ({ due, onTime, rate: due ? Math.round((onTime / due) * 1000) / 1000 : null });

/**
 * Performance goals only: development milestones (issue 16) have their own completion report.
 * The source case's update-rate figure: the share of check-ins due in a week (due date in [from, to], and
 * already due by `today`) that were made on time, for the company and per owner's department; `ownerIds`
 * limits it to the goals of the people a reader may see (null: everyone), `department` to one department and its
 * sub-departments (by path).
 */
export function updateRate(db: Db, from: string, to: string, today: string, ownerIds: number[] | null = null, department: string | null = null): WeekRate[] {
  const owners = ownerIds ? JSON.stringify(ownerIds) : null;
  const rows = db.all<{ dueDate: string; department: string | null; due: number; onTime: number }>(sql`
    select c.due_date as dueDate, d.path as department, count(*) as due, sum(case when c.on_time = 1 then 1 else 0 end) as onTime
    from checkpoints c join goals g on g.id = c.goal_id join people p on p.id = g.owner_id left join departments d on d.id = p.department_id
    where c.due_date >= ${from} and c.due_date <= ${to} and c.due_date <= ${today} and g.kind = 'performance'
      and (${owners} is null or g.owner_id in (select value from json_each(${owners})))
      and (${department} is null or d.path = ${department} or d.path like ${department} || '/%')
    group by c.due_date, d.path`);
  const weeks = new Map<string, Map<string, { due: number; onTime: number }>>();
  for (const r of rows) {
    const w = weekKey(r.dueDate);
    const depts = weeks.get(w) ?? new Map();
    const key = r.department ?? '';
    const acc = depts.get(key) ?? { due: 0, onTime: 0 };
    acc.due += r.due;
    acc.onTime += r.onTime;
    depts.set(key, acc);
    weeks.set(w, depts);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, depts]) => {
      const all = [...depts.values()].reduce((s, x) => ({ due: s.due + x.due, onTime: s.onTime + x.onTime }), { due: 0, onTime: 0 });
      return {
        week,
        company: cell(all.due, all.onTime),
        departments: [...depts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, x]) => ({ department, ...cell(x.due, x.onTime) })),
      };
    });
}
