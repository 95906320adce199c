import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inScope, type ReportScope } from './reportScope';

export interface CycleCompletion {
  id: number;
  name: string;
  status: 'planned' | 'open' | 'released';
  periodStart: string;
  periodEnd: string;
  total: number;
  selfReview: number;
  managerReview: number;
  submitted: number;
}

/**
 * Review completion of the latest cycles (newest first, at most `limit`): how many reviews in scope wait for the
 * self-review, for the manager, or are submitted. One grouped query (reviews by their unique (cycle, person) index).
 */
export function reviewCompletion(db: Db, input: { scope: ReportScope; limit?: number }): { cycles: CycleCompletion[] } {
  const rows = db.all<{ id: number; name: string; status: CycleCompletion['status']; periodStart: string; periodEnd: string; reviewStatus: string | null; n: number }>(sql`
    select c.id, c.name, c.status, c.period_start as periodStart, c.period_end as periodEnd, x.status as reviewStatus, count(x.id) as n
    from (select * from review_cycles where status != 'planned' order by period_end desc, id desc limit ${input.limit ?? 12}) c
    left join (select r.id, r.cycle_id, r.status from reviews r join people p on p.id = r.person_id left join departments dp on dp.id = p.department_id
               where ${inScope(input.scope, sql`p.id`, sql`dp.path`)}) x on x.cycle_id = c.id
    group by c.id, x.status
    order by c.period_end desc, c.id desc`);
  const cycles = new Map<number, CycleCompletion>();
  for (const r of rows) {
    const c = cycles.get(r.id) ?? { id: r.id, name: r.name, status: r.status, periodStart: r.periodStart, periodEnd: r.periodEnd, total: 0, selfReview: 0, managerReview: 0, submitted: 0 };
    cycles.set(r.id, c);
    if (!r.reviewStatus) continue;
    c.total += r.n;
    if (r.reviewStatus === 'self_review') c.selfReview += r.n;
    else if (r.reviewStatus === 'manager_review') c.managerReview += r.n;
    else c.submitted += r.n;
  }
  return { cycles: [...cycles.values()] };
}
