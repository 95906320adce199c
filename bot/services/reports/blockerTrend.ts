import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { isBlocker } from '../../domain/standupSchedule';
import { inScope, weeksOf, type ReportScope } from './reportScope';

export interface BlockerWeek {
  week: string;
  /** People who reported a blocker that week. */
  raised: number;
  /** People whose latest answer to the blocker question, that week or before, still names a blocker. */
  open: number;
}

/**
 * Blockers raised and still open, per ISO week of [from, to]. A blocker is a real answer (not 无/none…) to the round's
 * blocker question; it stays open until the same person answers that question with "none" in a later week. One
 * query: the answers to each round's blocker question (read from the round's own questions), in scope.
 */
export function blockerTrend(db: Db, input: { from: string; to: string; scope: ReportScope }): { weeks: BlockerWeek[] } {
  const weeks = weeksOf(input.from, input.to);
  if (weeks.length === 0) return { weeks: [] };
  const rows = db.all<{ week: string; personId: number; answer: string | null }>(sql`
    select d.period_key as week, r.person_id as personId, a.answer
    from standup_rounds d join standup_requests r on r.round_id = d.id join standup_answers a on a.request_id = r.id
    join people p on p.id = r.person_id left join departments dp on dp.id = p.department_id
    where d.period_key <= ${weeks.at(-1)!.week} and a.skipped = 0
      and exists (select 1 from json_each(d.questions) q where q.key = a.question_index and json_extract(q.value, '$.blocker'))
      and ${inScope(input.scope, sql`p.id`, sql`dp.path`)}
    order by d.period_key`);
  const latest = new Map<number, boolean>(); // person → their latest blocker answer is a blocker
  const raisedIn = new Map<string, number>();
  let i = 0;
  return {
    weeks: weeks.map(({ week }) => {
      for (; i < rows.length && rows[i].week <= week; i++) {
        const blocked = isBlocker(rows[i].answer);
        latest.set(rows[i].personId, blocked);
        if (blocked && rows[i].week === week) raisedIn.set(week, (raisedIn.get(week) ?? 0) + 1);
      }
      return { week, raised: raisedIn.get(week) ?? 0, open: [...latest.values()].filter(Boolean).length };
    }),
  };
}
