import { sql } from 'drizzle-orm';
import { localDate } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import { latestRound } from '../standup/standupRounds';

export interface HrOverview {
  periodKey: string | null;
  asked: number;
  answered: number;
  late: number;
  missing: number;
  excused: number;
  departments: { path: string; asked: number; answered: number }[];
  pendingRedemptions: number;
  overdueCheckins: number;
  activePeople: number;
}

/** HR's landing page: this week's participation, company-wide and per department, and what waits for HR. */
export function hrOverview(deps: ServiceDeps): HrOverview {
  const round = latestRound(deps);
  const today = localDate(deps.now(), deps.settings.defaultTimezone);
  const depts = deps.db.all<{ path: string | null; asked: number; answered: number; late: number; excused: number }>(sql`
    select d.path, count(*) as asked,
      sum(case when r.completed_at is not null then 1 else 0 end) as answered,
      sum(case when r.completed_at is not null and r.late = 1 then 1 else 0 end) as late,
      sum(case when r.completed_at is null and r.excused_at is not null then 1 else 0 end) as excused
    from standup_requests r join people p on p.id = r.person_id left join departments d on d.id = p.department_id
    where r.round_id = ${round?.id ?? -1}
    group by d.path order by d.path`);
  const sum = (k: 'asked' | 'answered' | 'late' | 'excused') => depts.reduce((s, d) => s + d[k], 0);
  const counts = deps.db.get<{ pending: number; overdue: number; active: number }>(sql`
    select (select count(*) from redemptions where status = 'pending') as pending,
      (select count(*) from checkpoints where checked_in_at is null and due_date < ${today}) as overdue,
      (select count(*) from people where active = 1) as active`);
  return {
    periodKey: round?.periodKey ?? null,
    asked: sum('asked'),
    answered: sum('answered'),
    late: sum('late'),
    missing: sum('asked') - sum('answered') - sum('excused'),
    excused: sum('excused'),
    departments: depts.map((d) => ({ path: d.path ?? '', asked: d.asked, answered: d.answered })),
    pendingRedemptions: counts.pending,
    overdueCheckins: counts.overdue,
    activePeople: counts.active,
  };
}
