import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { addLocalDays } from '../../domain/localTime';
import { isBlocker } from '../../domain/standupSchedule';
import type { StandupQuestion } from '../context';
import { personInScope, weeksOf, type ReportScope } from './reportScope';

export interface BlockerWeek {
  week: string;
  /** People who reported a blocker that week. */
  raised: number;
  /** People whose latest answer to the blocker question, that week or before, still names a blocker. */
  open: number;
}

/** How far before the range a blocker is looked for: one raised earlier and never answered since still counts as open. */
const LOOKBACK_DAYS = 13 * 7;

/**
 * Blockers raised and still open, per ISO week of [from, to]. A blocker is a real answer (not 无/none…) to the round's
 * blocker question; it stays open until the same person answers that question with "none" in a later week (looked for
 * from a quarter before the range). Two queries: the rounds (their unique week index) with each one's blocker
 * question, then those answers in scope through the (request, question) index.
 */
export function blockerTrend(db: Db, input: { from: string; to: string; scope: ReportScope }): { weeks: BlockerWeek[] } {
  const weeks = weeksOf(input.from, input.to);
  if (weeks.length === 0) return { weeks: [] };
  const since = weeksOf(addLocalDays(input.from, -LOOKBACK_DAYS), input.from)[0].week;
  const rounds = db.all<{ id: number; questions: string }>(sql`
    select id, questions from standup_rounds where period_key >= ${since} and period_key <= ${weeks.at(-1)!.week}`);
  // round id → the index of its blocker question (rounds keep the questions they were asked with)
  const blockerOf: Record<string, number> = {};
  for (const r of rounds) {
    const index = (JSON.parse(r.questions) as StandupQuestion[]).findIndex((q) => q.blocker);
    if (index >= 0) blockerOf[r.id] = index;
  }
  const ids = Object.keys(blockerOf);
  if (ids.length === 0) return { weeks: weeks.map(({ week }) => ({ week, raised: 0, open: 0 })) };
  const rows = db.all<{ week: string; personId: number; answer: string | null }>(sql`
    select d.period_key as week, r.person_id as personId, a.answer
    from standup_rounds d join standup_requests r on r.round_id = d.id
    join standup_answers a on a.request_id = r.id and a.question_index = json_extract(${JSON.stringify(blockerOf)}, '$."' || d.id || '"')
    where d.id in (select value from json_each(${JSON.stringify(ids.map(Number))})) and a.skipped = 0
      and ${personInScope(input.scope, sql`r.person_id`)}
    order by d.period_key`);
  const latest = new Map<number, boolean>(); // person → their latest blocker answer is a blocker
  let openNow = 0;
  let i = 0;
  return {
    weeks: weeks.map(({ week }) => {
      let raised = 0;
      for (; i < rows.length && rows[i].week <= week; i++) {
        const blocked = isBlocker(rows[i].answer);
        const before = latest.get(rows[i].personId) ?? false;
        latest.set(rows[i].personId, blocked);
        openNow += Number(blocked) - Number(before);
        if (blocked && rows[i].week === week) raised++;
      }
      return { week, raised, open: openNow };
    }),
  };
}
