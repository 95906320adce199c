import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { LeaveSpan } from '../../domain/calendar';

export interface OpenCheckpoint {
  checkpointId: number;
  dueDate: string;
  goalId: number;
  title: string;
  unit: string;
  startValue: number;
  targetValue: number;
  currentValue: number;
  ownerId: number;
  ownerName: string;
  ownerLocale: string;
  ownerTz: string;
  departmentId: number | null;
  managerId: number | null;
  /** Steps already taken for this checkpoint, comma separated. */
  steps: string;
}

/**
 * Open checkpoints (no check-in, goal not done, owner active) due in [from, to], with the steps already
 * taken — one indexed query (checkpoints_open_idx), never "load everyone". `missingStep` narrows to those
 * still lacking that step, so settled overdue checkpoints are not scanned again; `remindedAndDueAfter` drops
 * those already reminded ahead whose due day is still after that date (nothing can be due for them yet).
 */
export function openCheckpoints(db: Db, from: string, to: string, missingStep?: string, remindedAndDueAfter?: string): OpenCheckpoint[] {
  return db.all<OpenCheckpoint>(sql`
    select c.id as checkpointId, c.due_date as dueDate, g.id as goalId, g.title, g.unit, g.start_value as startValue,
           g.target_value as targetValue, g.current_value as currentValue, p.id as ownerId, p.name as ownerName,
           p.locale as ownerLocale, p.timezone as ownerTz, p.department_id as departmentId, p.manager_id as managerId,
           coalesce((select group_concat(s.step) from escalation_steps s where s.checkpoint_id = c.id), '') as steps
    from checkpoints c
    join goals g on g.id = c.goal_id
    join people p on p.id = g.owner_id
    where c.checked_in_at is null and c.due_date >= ${from} and c.due_date <= ${to}
      and (g.status is null or g.status != 'done') and p.active = 1
      and (${missingStep ?? null} is null or not exists (select 1 from escalation_steps s where s.checkpoint_id = c.id and s.step = ${missingStep ?? ''}))
      and (${remindedAndDueAfter ?? null} is null or c.due_date <= ${remindedAndDueAfter ?? ''}
           or not exists (select 1 from escalation_steps s where s.checkpoint_id = c.id and s.step = 'before'))
    order by p.id, c.due_date`);
}

/** Leave spans of the given people overlapping [from, to], by person. */
export function leavesOf(db: Db, personIds: number[], from: string, to: string): Map<number, LeaveSpan[]> {
  const out = new Map<number, LeaveSpan[]>();
  if (personIds.length === 0) return out;
  const rows = db.all<{ personId: number; startDate: string; endDate: string }>(sql`
    select person_id as personId, start_date as startDate, end_date as endDate from leaves
    where end_date >= ${from} and start_date <= ${to} and person_id in (select value from json_each(${JSON.stringify(personIds)}))`);
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r]);
  return out;
}

/** Claims a ladder step for a checkpoint (once only, by the unique index); true when this call took it. */
export function stepClaimer(db: Db): (checkpointId: number, step: string, recipientId: number, at: string) => boolean {
  const insert = db.$client.prepare('insert into escalation_steps (checkpoint_id, step, recipient_id, at) values (?, ?, ?, ?) on conflict do nothing');
  return (checkpointId, step, recipientId, at) => insert.run(checkpointId, step, recipientId, at).changes === 1;
}
