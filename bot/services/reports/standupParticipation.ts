import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inScope, weeksOf, type ReportScope } from './reportScope';

export interface ParticipationCell {
  asked: number;
  onTime: number;
  late: number;
  missing: number;
  excused: number;
}

export interface Participation {
  weeks: ({ week: string } & ParticipationCell)[];
  departments: ({ department: string } & ParticipationCell)[];
}

const empty = (): ParticipationCell => ({ asked: 0, onTime: 0, late: 0, missing: 0, excused: 0 });
const add = (a: ParticipationCell, b: ParticipationCell) => {
  for (const k of Object.keys(a) as (keyof ParticipationCell)[]) a[k] += b[k];
};

/**
 * Standup participation of the rounds whose ISO week lies in [from, to]: per week and per department (the full
 * path), who was asked, answered on time, late, did not answer, or was excused (leave). One grouped query over the
 * rounds' unique period index and the requests' (round, person) index.
 */
export function standupParticipation(db: Db, input: { from: string; to: string; scope: ReportScope }): Participation {
  const weeks = weeksOf(input.from, input.to);
  const rows = db.all<{ week: string; department: string | null } & ParticipationCell>(sql`
    select d.period_key as week, dp.path as department, count(*) as asked,
      sum(case when r.completed_at is not null and r.late = 0 then 1 else 0 end) as onTime,
      sum(case when r.completed_at is not null and r.late = 1 then 1 else 0 end) as late,
      sum(case when r.completed_at is null and r.excused_at is null then 1 else 0 end) as missing,
      sum(case when r.completed_at is null and r.excused_at is not null then 1 else 0 end) as excused
    from standup_rounds d join standup_requests r on r.round_id = d.id join people p on p.id = r.person_id
    left join departments dp on dp.id = p.department_id
    where d.period_key >= ${weeks[0]?.week ?? ''} and d.period_key <= ${weeks.at(-1)?.week ?? ''}
      and ${inScope(input.scope, sql`p.id`, sql`dp.path`)}
    group by d.period_key, dp.path`);
  const byWeek = new Map(weeks.map((w) => [w.week, empty()]));
  const byDept = new Map<string, ParticipationCell>();
  for (const { week, department, ...cell } of rows) {
    const w = byWeek.get(week);
    if (w) add(w, cell);
    const key = department ?? '';
    const d = byDept.get(key) ?? empty();
    add(d, cell);
    byDept.set(key, d);
  }
  return {
    weeks: [...byWeek].map(([week, cell]) => ({ week, ...cell })),
    departments: [...byDept].sort(([a], [b]) => a.localeCompare(b)).map(([department, cell]) => ({ department, ...cell })),
  };
}
