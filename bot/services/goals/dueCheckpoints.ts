import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import type { LeaveSpan } from '../../domain/calendar';
import { addLocalDays } from '../../domain/localTime';
import { preparedOnce } from '../preparedOnce';

/** What a ladder pass needs to decide whether a step is due for an open checkpoint (the message text comes later). */
export interface OpenCheckpoint {
  checkpointId: number;
  dueDate: string;
  ownerId: number;
  ownerTz: string;
  departmentId: number | null;
  managerId: number | null;
  /** Steps already taken for this checkpoint, comma separated. */
  steps: string;
}

/** A checkpoint as a message shows it; read inside the writing transaction, so only still-open ones come back. */
export interface CheckpointDetail {
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
}

export interface OpenScan {
  from: string;
  to: string;
  /** Only those still lacking this step. */
  missingStep?: 'due' | 'manager' | 'further';
  /** Drops those already reminded ahead whose due day is still after this date (nothing can be due for them yet). */
  remindedAndDueAfter?: string;
  /** Only owners with leave overlapping [from, to] of this span (they get a wider window than the rest). */
  ownersOnLeave?: { from: string; to: string };
  /** Only owners whose manager is active (the manager step has nobody to go to otherwise). */
  managerActive?: boolean;
  /** Only owners in these departments (0 = no department): where the rule has a further step. */
  departments?: number[];
}

/** Index entries looked at per page: a bounded piece of work (a few ms) whatever share of them is due. */
const PAGE = 500;

const SELECT = `
  select c.id as checkpointId, c.due_date as dueDate, g.owner_id as ownerId, p.timezone as ownerTz,
         p.department_id as departmentId, p.manager_id as managerId,
         coalesce((select group_concat(s.step) from escalation_steps s where s.checkpoint_id = c.id), '') as steps
  from checkpoints c
  join goals g on g.id = c.goal_id
  join people p on p.id = g.owner_id
  where c.checked_in_at is null`;
const FILTER = `
    and not exists (select 1 from escalation_steps s where s.checkpoint_id = c.id
                    and (s.step = @missing or (s.step = 'before' and c.due_date > @remindedAfter)))
    and (g.status is null or g.status != 'done') and p.active = 1
    and (@leaveFrom is null or g.owner_id in (select l.person_id from leaves l where l.end_date >= @leaveFrom and l.start_date <= @leaveTo))
    and (@managerActive = 0 or exists (select 1 from people m where m.id = p.manager_id and m.active = 1))
    and (@departments is null or coalesce(p.department_id, 0) in (select value from json_each(@departments)))`;

type Stmt<R> = Statement<[Record<string, unknown>], R>;

/**
 * Open checkpoints (no check-in, goal not done, owner active) due in [from, to], a page at a time: each page is the
 * next PAGE entries of checkpoints_open_idx (due date, id), so every page is a bounded piece of work even when
 * nothing in it is due (most of a steady pass), and the caller can yield between pages. A page continues either
 * inside one due date (a seek on the date and the id) or from a date boundary (a seek on the date): a keyset of
 * (date, id) in one condition made SQLite rescan a date's entries from its start on every page, quadratic when
 * 50,000 checkpoints share a due date. Prepared once per database.
 */
export function* openCheckpointPages(db: Db, scan: OpenScan, pageSize = PAGE): Generator<OpenCheckpoint[]> {
  if (scan.from > scan.to) return;
  const prep = <R>(key: string, text: string) => preparedOnce(db, `ladder.${key}`, () => db.$client.prepare(text) as Stmt<R>);
  const endInDate = prep<{ id: number }>('endInDate', `select id from checkpoints where checked_in_at is null and due_date = @day and id > @after order by id limit 1 offset @skip`);
  const endAfterDate = prep<{ dueDate: string; id: number }>('endAfterDate', `
    select due_date as dueDate, id from checkpoints where checked_in_at is null and due_date > @day and due_date <= @to
    order by due_date, id limit 1 offset @skip`);
  const inDate = prep<OpenCheckpoint>('pageInDate', `${SELECT} and c.due_date = @day and c.id > @after and c.id <= @upto ${FILTER} order by c.id`);
  const betweenDates = prep<OpenCheckpoint>('pageBetweenDates', `${SELECT} and c.due_date > @after and c.due_date < @before ${FILTER} order by c.due_date, c.id`);
  const filter = {
    missing: scan.missingStep ?? null, remindedAfter: scan.remindedAndDueAfter ?? '9999-12-31',
    leaveFrom: scan.ownersOnLeave?.from ?? null, leaveTo: scan.ownersOnLeave?.to ?? null,
    managerActive: scan.managerActive ? 1 : 0, departments: scan.departments ? JSON.stringify(scan.departments) : null,
  };
  const skip = pageSize - 1;
  // Where the last page stopped: inside `day` after id `after`, or (after = null) past every entry of `day`.
  let day = addLocalDays(scan.from, -1);
  let after: number | null = null;
  for (;;) {
    if (after !== null) {
      const end = endInDate.get({ day, after, skip });
      yield inDate.all({ ...filter, day, after, upto: end?.id ?? Number.MAX_SAFE_INTEGER });
      if (end) after = end.id;
      else after = null;
      continue;
    }
    const end = endAfterDate.get({ day, to: scan.to, skip });
    if (!end) {
      yield betweenDates.all({ ...filter, after: day, before: addLocalDays(scan.to, 1) });
      return;
    }
    yield [...betweenDates.all({ ...filter, after: day, before: end.dueDate }), ...inDate.all({ ...filter, day: end.dueDate, after: 0, upto: end.id })];
    day = end.dueDate;
    after = end.id;
  }
}

/** The still-open checkpoints among these ids, with what a message shows, by owner and due date. */
export function checkpointDetails(db: Db, ids: number[]): CheckpointDetail[] {
  if (ids.length === 0) return [];
  const stmt = preparedOnce(db, 'ladder.checkpointDetails', () =>
    db.$client.prepare(`
      select c.id as checkpointId, c.due_date as dueDate, g.id as goalId, g.title, g.unit, g.start_value as startValue,
             g.target_value as targetValue, g.current_value as currentValue, p.id as ownerId, p.name as ownerName, p.locale as ownerLocale
      from json_each(?) j
      cross join checkpoints c on c.id = j.value
      join goals g on g.id = c.goal_id
      join people p on p.id = g.owner_id
      where c.checked_in_at is null and (g.status is null or g.status != 'done')
      order by p.id, c.due_date, c.id`) as Statement<[string], CheckpointDetail>,
  );
  return stmt.all(JSON.stringify(ids));
}

/** Leave spans of the given people overlapping [from, to], by person. */
export function leavesOf(db: Db, personIds: Iterable<number>, from: string, to: string): Map<number, LeaveSpan[]> {
  const out = new Map<number, LeaveSpan[]>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return out;
  const stmt = preparedOnce(db, 'ladder.leavesOf', () =>
    db.$client.prepare(`
      select person_id as personId, start_date as startDate, end_date as endDate from leaves
      where end_date >= ? and start_date <= ? and person_id in (select value from json_each(?))`) as Statement<[string, string, string], { personId: number; startDate: string; endDate: string }>,
  );
  for (const r of stmt.all(from, to, JSON.stringify(ids))) {
    const list = out.get(r.personId);
    if (list) list.push(r);
    else out.set(r.personId, [r]);
  }
  return out;
}

/** Claims a ladder step for a checkpoint (once only, by the unique index); true when this call took it. */
export function stepClaimer(db: Db): (checkpointId: number, step: string, recipientId: number, at: string) => boolean {
  const insert = preparedOnce(db, 'ladder.claimStep', () =>
    db.$client.prepare('insert into escalation_steps (checkpoint_id, step, recipient_id, at) values (?, ?, ?, ?) on conflict do nothing'),
  );
  return (checkpointId, step, recipientId, at) => insert.run(checkpointId, step, recipientId, at).changes === 1;
}

/** The local date (and clock) of `now` per time zone, computed once per zone in a pass. */
export function zoneClock<T>(compute: (tz: string) => T): (tz: string) => T {
  const memo = new Map<string, T>();
  return (tz) => {
    let v = memo.get(tz);
    if (v === undefined) memo.set(tz, (v = compute(tz)));
    return v;
  };
}
