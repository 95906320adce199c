import type { Statement } from 'better-sqlite3';
import { escalationStepsDue, ladderWindow, withinWorkingHours, workingDaysBetween, type EscalationStep } from '../../domain/escalationLadder';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { ShardedSet } from '../shardedMap';
import { checkpointDetails, leavesOf, openCheckpointPages, stepClaimer, zoneClock, type OpenScan } from './dueCheckpoints';
import { ladderResolver } from './ladderRules';
import { inTimedTransactions } from './ladderSlices';
import { runAll, runInSlices } from '../slices';
import { pilotAudience } from '../settings/audiences';

/** Recipients per chunk of the write phase; see inTimedTransactions. */
const RECIPIENTS_PER_CHUNK = 2;

interface Item {
  checkpointId: number;
  step: EscalationStep;
  days: number;
}

interface Staff {
  id: number;
  managerId: number | null;
  active: number;
  role: string;
  locale: string;
  tz: string;
  departmentId: number | null;
}

type Result = { digests: number; checkpoints: number };

/**
 * Job `overdue-escalation`: a checkpoint N working days overdue is copied to the owner's manager, and after
 * more working days optionally to the skip-level manager or HR. Each recipient gets at most one digest a day
 * listing every overdue report and goal; each step happens once per checkpoint; quiet hours respected
 * (`manual` ignores them, never the once-only rule). All at once (dry runs, tests).
 */
export function escalateOverdue(deps: ServiceDeps, opts: { manual: boolean }): Result {
  return runAll(escalationSteps(deps, opts));
}

/**
 * The same, yielding between pages (the job). Digests are grouped by recipient over the whole read before any is
 * written, so a manager still gets one digest listing every report, then written a page of recipients per
 * transaction; a checkpoint checked in between the read and its page is left out (read again when written).
 */
export function escalateOverdueInSlices(deps: ServiceDeps, opts: { manual: boolean }): Promise<Result> {
  return runInSlices(escalationSteps(deps, opts), deps.db);
}

function* escalationSteps(deps: ServiceDeps, opts: { manual: boolean }): Generator<void, Result> {
  const { db } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const utcToday = at.slice(0, 10);
  const from = addLocalDays(utcToday, -120);
  const dayMax = addLocalDays(utcToday, 1);
  const cal = deps.calendar();
  const ruleFor = ladderResolver(db);
  const narrow = ladderWindow(cal, addLocalDays(utcToday, -1), dayMax, ruleFor.maxRemindBeforeDays, ruleFor.maxManagerAfterDays);
  // Only checkpoints old enough for the smallest threshold of a step, and only where that step can reach someone:
  // the manager step where the manager is active, the further step in departments whose rule has one.
  const rules = [null, ...ruleFor.departmentIds].map((d) => ({ d, rule: ruleFor(d) }));
  const minManager = Math.min(...rules.map((r) => r.rule.managerAfterDays));
  const further = rules.filter((r) => r.rule.furtherAfterDays != null);
  const scans: OpenScan[] = [{ from, to: narrow.overdueTo(minManager), missingStep: 'manager', managerActive: true }];
  if (further.length > 0) {
    const minFurther = Math.min(...further.map((r) => r.rule.managerAfterDays + r.rule.furtherAfterDays!));
    scans.push({ from, to: narrow.overdueTo(minFurther), missingStep: 'further', departments: further.map((r) => r.d ?? 0) });
  }
  // In a pilot only its people's goals escalate, and only to people inside it.
  const pilot = pilotAudience(deps);
  const todayIn = zoneClock((tz) => localDate(now, tz));
  const staff = staffReader(deps);
  const hr = staff.hr();
  yield; // the rules, the calendar's window and the first page each cost a cold start: not all in one turn

  // Read: the steps due, by recipient (ids only; names and titles are read when the recipient's page is written).
  const seen = new ShardedSet<string>(); // a key per overdue checkpoint and step: 90,000 at 100,000 people
  const byRecipient = new Map<number, Item[]>();
  for (const scan of scans) {
    for (const page of openCheckpointPages(db, scan)) {
      const rows = page.filter((r) => pilot.has(r.departmentId));
      staff.load(rows.map((r) => r.managerId));
      const leaves = leavesOf(db, rows.map((r) => r.ownerId), from, dayMax);
      for (const row of rows) {
        const rule = ruleFor(row.departmentId);
        const today = todayIn(row.ownerTz);
        const ownLeaves = leaves.get(row.ownerId) ?? [];
        const taken = row.steps.split(',');
        for (const step of escalationStepsDue(row.dueDate, today, rule, cal, ownLeaves)) {
          const key = `${row.checkpointId}:${step}`;
          if (taken.includes(step) || seen.has(key)) continue;
          seen.add(key);
          const manager = row.managerId != null ? staff.get(row.managerId) : undefined;
          const recipients =
            step === 'manager' ? (manager?.active ? [manager.id] : [])
            : rule.furtherTo === 'hr' ? hr.map((h) => h.id)
            : manager?.managerId != null && staff.get(manager.managerId)?.active ? [manager.managerId] : hr.map((h) => h.id);
          const days = workingDaysBetween(row.dueDate, today, cal, ownLeaves);
          for (const r of recipients) {
            if (!pilot.has(staff.get(r)?.departmentId ?? null)) continue;
            const list = byRecipient.get(r);
            if (list) list.push({ checkpointId: row.checkpointId, step, days });
            else byRecipient.set(r, [{ checkpointId: row.checkpointId, step, days }]);
          }
        }
      }
      yield;
    }
  }

  // Write: recipients a chunk at a time, several chunks per transaction (a commit per manager was most of a first pass
  // with 1,000 managers).
  let digests = 0;
  let claimedTotal = 0;
  const claim = stepClaimer(db);
  const digestSent = preparedOnce(db, 'ladder.digestSent', () => db.$client.prepare('select 1 from deliveries where dedupe_key = ?') as Statement<[string], unknown>);
  const recipients = [...byRecipient.keys()];
  yield* inTimedTransactions(db, recipients, RECIPIENTS_PER_CHUNK, (page) => {
    const leaves = leavesOf(db, page, utcToday, dayMax);
    for (const recipientId of page) {
      const who = staff.get(recipientId)!;
      const today = todayIn(who.tz);
      if (!opts.manual && !withinWorkingHours(today, localClock(now, who.tz), ruleFor(who.departmentId), cal, leaves.get(recipientId) ?? [])) continue;
      const dedupeKey = `overdue-digest:${recipientId}:${today}`;
      // One digest a day: what becomes overdue after today's has gone waits for tomorrow's.
      if (digestSent.get(dedupeKey)) continue;
      const items = new Map(byRecipient.get(recipientId)!.map((it) => [`${it.checkpointId}:${it.step}`, it]));
      const open = checkpointDetails(db, [...new Set([...items.values()].map((it) => it.checkpointId))]);
      const claimed = (['manager', 'further'] as const).flatMap((step) =>
        open.flatMap((row) => {
          const it = items.get(`${row.checkpointId}:${step}`);
          return it && claim(row.checkpointId, step, recipientId, at) ? [{ row, it }] : [];
        }),
      );
      if (claimed.length === 0) continue;
      const locale = asLocale(who.locale, deps.settings.defaultLocale);
      const section = (step: EscalationStep, title: 'goals.overdueTitle' | 'goals.overdueFurtherTitle') => {
        const list = claimed.filter((c) => c.it.step === step);
        if (list.length === 0) return [];
        return [t(locale, title, { count: list.length }), ...list.map((c) => t(locale, 'goals.overdueLine', { name: c.row.ownerName, title: c.row.title, date: c.row.dueDate, days: c.it.days }))];
      };
      const text = [...section('manager', 'goals.overdueTitle'), ...section('further', 'goals.overdueFurtherTitle')].join('\n');
      enqueue(deps, [{ dedupeKey, target: { kind: 'person', personId: recipientId }, message: { text } }]);
      digests++;
      claimedTotal += claimed.length;
    }
    return 0;
  });
  return { digests, checkpoints: claimedTotal };
}

/**
 * The people a due set points at — managers, their managers, HR — read as pages need them (never the whole
 * directory), by id through a prepared statement (no `IN (…)` list of unbounded size).
 */
function staffReader(deps: ServiceDeps) {
  const { db } = deps;
  const cols = 'id, manager_id as managerId, active, role, locale, timezone as tz, department_id as departmentId';
  const byIds = preparedOnce(db, 'ladder.staffByIds', () =>
    db.$client.prepare(`select ${cols} from people where id in (select value from json_each(?))`) as Statement<[string], Staff>,
  );
  const known = new Map<number, Staff>();
  const load = (ids: Iterable<number | null>) => {
    const missing = [...new Set(ids)].filter((id): id is number => id != null && !known.has(id));
    if (missing.length === 0) return [];
    const found = byIds.all(JSON.stringify(missing));
    for (const p of found) known.set(p.id, p);
    return found;
  };
  return {
    hr(): Staff[] {
      const list = db.$client.prepare(`select ${cols} from people where role = 'hr' and active = 1`).all() as Staff[];
      for (const p of list) known.set(p.id, p);
      return list;
    },
    /** Managers and, one level up, theirs (the skip level). */
    load(managerIds: Iterable<number | null>): void {
      load(load(managerIds).map((m) => m.managerId));
    },
    get: (id: number) => known.get(id),
  };
}
