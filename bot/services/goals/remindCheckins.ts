import type { Statement } from 'better-sqlite3';
import { ladderWindow, ownerStep, withinWorkingHours, type OwnerStep } from '../../domain/escalationLadder';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { progressPercent } from '../../domain/goalProgress';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { checkpointDetails, leavesOf, openCheckpointPages, stepClaimer, zoneClock, type CheckpointDetail, type OpenScan } from './dueCheckpoints';
import { GOAL_ACTIONS } from './goalChat';
import { ladderResolver } from './ladderRules';
import { inTimedTransactions } from './ladderSlices';
import { runAll, runInSlices } from '../slices';
import { preparedOnce } from '../preparedOnce';
import { ShardedMap } from '../shardedMap';
import { sliceClock } from '../sliceClock';
import { pilotAudience } from '../settings/audiences';

/** Owners per chunk of the write phase (one read of their checkpoints, one outbox insert); see inTimedTransactions. */
const OWNERS_PER_CHUNK = 5;

type Result = { owners: number; checkpoints: number };

/**
 * Job `checkin-reminder`: reminds owners of upcoming checkpoints ("before", N working days ahead) and on the due
 * day ("due"), within their working hours and working days, each step once per checkpoint, one message per owner.
 * `manual` (admin run-now) ignores quiet hours but never repeats a step. All at once (dry runs, tests).
 */
export function remindCheckins(deps: ServiceDeps, opts: { manual: boolean }): Result {
  return runAll(reminderSteps(deps, opts));
}

/**
 * The same, yielding to the event loop between pages (the job): 10,000 owners with 5 goals each were two seconds of
 * one synchronous run. Each page of owners is its own transaction; a step is claimed once per checkpoint
 * (escalation_steps is unique per checkpoint and step) whatever runs in between, and a checkpoint checked in
 * meanwhile is no longer read when its page is written.
 */
export function remindCheckinsInSlices(deps: ServiceDeps, opts: { manual: boolean }): Promise<Result> {
  return runInSlices(reminderSteps(deps, opts), deps.db);
}

function* reminderSteps(deps: ServiceDeps, opts: { manual: boolean }): Generator<void, Result> {
  const now = deps.now();
  const at = now.toISOString();
  const utcToday = at.slice(0, 10);
  const cal = deps.calendar();
  const ruleFor = ladderResolver(deps.db);
  // The wide window: up to N working days ahead (two calendar days per working day leaves room for weekends and
  // holidays), back to where the manager takes over. Only owners on leave need all of it; for everyone else the
  // calendar narrows it to the due dates a step can be due for today (ladderWindow), on any owner's local date.
  const from = addLocalDays(utcToday, -(2 * ruleFor.maxManagerAfterDays + 10));
  const to = addLocalDays(utcToday, 2 * ruleFor.maxRemindBeforeDays + 10);
  const narrow = ladderWindow(cal, addLocalDays(utcToday, -1), addLocalDays(utcToday, 1), ruleFor.maxRemindBeforeDays, ruleFor.maxManagerAfterDays);
  const lo = narrow.remindFrom > from ? narrow.remindFrom : from;
  const hi = narrow.remindTo < to ? narrow.remindTo : to;
  const base: Omit<OpenScan, 'from' | 'to'> = { missingStep: 'due', remindedAndDueAfter: addLocalDays(utcToday, 1) };
  const onLeave = { from, to };
  const scans: OpenScan[] = [{ ...base, from: lo, to: hi }];
  if (anyLeave(deps, from, to)) {
    scans.push({ ...base, from, to: addLocalDays(lo, -1), ownersOnLeave: onLeave }, { ...base, from: addLocalDays(hi, 1), to, ownersOnLeave: onLeave });
  }
  // In a pilot only its people's goals are reminded (pilotAudience: everyone when there is none).
  const pilot = pilotAudience(deps);
  const todayIn = zoneClock((tz) => localDate(now, tz));
  const clockIn = zoneClock((tz) => localClock(now, tz));

  // The rules, the calendar's window and the first page each cost a cold start: not all in one turn.
  yield;

  // Read: which step is due for which checkpoint, by owner (ids only; the text is read when the page is written).
  // sharded: a plain Map of 100,000 owners rehashed them all in one turn as it grew (see shardedMap.ts)
  const due = new ShardedMap<number, { before: number[]; due: number[] }>();
  for (const scan of scans) {
    for (const page of openCheckpointPages(deps.db, scan)) {
      const rows = page.filter((r) => pilot.has(r.departmentId));
      const leaves = leavesOf(deps.db, rows.map((r) => r.ownerId), from, to);
      for (const row of rows) {
        const today = todayIn(row.ownerTz);
        const rule = ruleFor(row.departmentId);
        const own = leaves.get(row.ownerId) ?? [];
        const step = ownerStep(row.dueDate, today, rule, cal, own);
        if (!step) continue;
        const taken = row.steps.split(',');
        if (taken.includes('due') || taken.includes(step)) continue;
        if (!opts.manual && !withinWorkingHours(today, clockIn(row.ownerTz), rule, cal, own)) continue;
        let mine = due.get(row.ownerId);
        if (!mine) due.set(row.ownerId, (mine = { before: [], due: [] }));
        mine[step].push(row.checkpointId);
      }
      yield;
    }
  }

  // Write: a page of owners per transaction, each step's checkpoints claimed and one message per owner and step.
  // The owners in id order, collected a slice at a time and sorted natively (a typed array): a comparator sort and
  // the copies of 100,000 owners were one 60-87 ms turn at 100,000 people.
  const owners = new Float64Array(due.size);
  let groups = 0;
  let n = 0;
  const tick = sliceClock();
  for (const part of due.parts()) {
    for (const [owner, list] of part) {
      owners[n++] = owner;
      groups += (list.before.length ? 1 : 0) + (list.due.length ? 1 : 0);
      if (tick()) yield;
    }
  }
  owners.sort();
  yield;
  const claim = stepClaimer(deps.db);
  const sent = yield* inTimedTransactions(deps.db, owners, OWNERS_PER_CHUNK, (page) => {
    const stepOf = new Map<number, OwnerStep>();
    for (const owner of page) for (const step of ['before', 'due'] as const) for (const id of due.get(owner)![step]) stepOf.set(id, step);
    const byGroup = new Map<string, { step: OwnerStep; rows: CheckpointDetail[] }>();
    for (const row of checkpointDetails(deps.db, [...stepOf.keys()])) {
      const step = stepOf.get(row.checkpointId)!;
      if (!claim(row.checkpointId, step, row.ownerId, at)) continue;
      const key = `${row.ownerId}:${step}`;
      const group = byGroup.get(key);
      if (group) group.rows.push(row);
      else byGroup.set(key, { step, rows: [row] });
    }
    let claimed = 0;
    const items: OutboxItem[] = [];
    for (const { step, rows } of byGroup.values()) {
      claimed += rows.length;
      items.push(reminderMessage(deps, step, rows));
    }
    enqueue(deps, items);
    return claimed;
  });
  return { owners: groups, checkpoints: sent };
}

/** Is anyone on leave at some point in [from, to]? (Nobody: the wide window has nobody to read.) */
function anyLeave(deps: ServiceDeps, from: string, to: string): boolean {
  const stmt = preparedOnce(deps.db, 'ladder.anyLeave', () => deps.db.$client.prepare('select exists (select 1 from leaves where end_date >= ? and start_date <= ?) as yes') as Statement<[string, string], { yes: number }>);
  return stmt.get(from, to)!.yes === 1;
}

function reminderMessage(deps: ServiceDeps, step: OwnerStep, claimed: CheckpointDetail[]): OutboxItem {
  const owner = claimed[0];
  const locale = asLocale(owner.ownerLocale, deps.settings.defaultLocale);
  const lines = claimed.map((r) => t(locale, 'goals.reminderLine', {
    title: r.title, current: r.currentValue, target: r.targetValue, unit: r.unit, progress: Math.round(progressPercent(r.startValue, r.targetValue, r.currentValue)),
  }));
  const head = t(locale, step === 'before' ? 'goals.reminderBefore' : 'goals.reminderDue', { date: owner.dueDate });
  return {
    dedupeKey: `checkin-reminder:${owner.ownerId}:${step}:${claimed.map((r) => r.checkpointId).join('-')}`,
    target: { kind: 'person', personId: owner.ownerId },
    message: {
      text: [head, ...lines].join('\n'),
      buttons: claimed.slice(0, 6).map((r) => ({ actionId: GOAL_ACTIONS.checkin, label: claimed.length === 1 ? t(locale, 'goals.button.updateNow') : r.title.slice(0, 20), value: String(r.goalId) })),
    },
  };
}
