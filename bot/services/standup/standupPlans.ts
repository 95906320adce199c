import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

/** The plan question ("what do you plan next week?") is the last of the round. */
const planIndex = (questionCount: number) => questionCount - 1;

/**
 * What each person said they planned in the round before `periodKey` — shown with "what did you complete?"
 * so nobody has to remember (prefill from earlier answers). One query for the whole batch.
 */
export function lastPlans(db: Db, periodKey: string, personIds: number[], questionCount: number): Map<number, string> {
  if (personIds.length === 0) return new Map();
  const rows = db.all<{ personId: number; answer: string }>(sql`
    select r.person_id as personId, a.answer from standup_answers a
    join standup_requests r on r.id = a.request_id
    where r.round_id = (select id from standup_rounds where period_key < ${periodKey} order by period_key desc limit 1)
      and a.question_index = ${planIndex(questionCount)} and a.skipped = 0 and a.answer is not null
      and r.person_id in (select value from json_each(${JSON.stringify(personIds)}))`);
  return new Map(rows.map((r) => [r.personId, r.answer]));
}
