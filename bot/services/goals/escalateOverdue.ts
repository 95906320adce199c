import { and, eq, inArray } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people } from '../../../db/schema';
import { escalationStepsDue, withinWorkingHours, workingDaysBetween, type EscalationStep } from '../../domain/escalationLadder';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { leavesOf, openCheckpoints, stepClaimer, type OpenCheckpoint } from './dueCheckpoints';
import { ladderResolver } from './ladderRules';
import { pilotAudience } from '../settings/audiences';

const RECIPIENTS_PER_TRANSACTION = 200;

interface Item {
  row: OpenCheckpoint;
  step: EscalationStep;
  days: number;
}

/**
 * Job `overdue-escalation`: a checkpoint N working days overdue is copied to the owner's manager, and after
 * more working days optionally to the skip-level manager or HR. Each recipient gets at most one digest a day
 * listing every overdue report and goal; each step happens once per checkpoint; quiet hours respected
 * (`manual` ignores them, never the once-only rule).
 */
export function escalateOverdue(deps: ServiceDeps, opts: { manual: boolean }): { digests: number; checkpoints: number } {
  const { db } = deps;
  const now = deps.now();
  const utcToday = now.toISOString().slice(0, 10);
  const from = addLocalDays(utcToday, -120);
  const cal = deps.calendar();
  const ruleFor = ladderResolver(db);
  // In a pilot only its people's goals escalate, and only to people inside it.
  const pilot = pilotAudience(deps);
  const rows = [...openCheckpoints(db, from, addLocalDays(utcToday, 1), 'manager'), ...openCheckpoints(db, from, addLocalDays(utcToday, 1), 'further')].filter((r) => pilot.has(r.departmentId));
  const seen = new Set<string>();
  // Only the people the due set points at: managers, their managers, HR — never the whole directory.
  const cols = { id: people.id, managerId: people.managerId, active: people.active, role: people.role, locale: people.locale, tz: people.timezone, departmentId: people.departmentId };
  const managers = db.select(cols).from(people).where(inArray(people.id, [...new Set(rows.map((r) => r.managerId).filter((m): m is number => m != null))])).all();
  const skipLevels = db.select(cols).from(people).where(inArray(people.id, [...new Set(managers.map((m) => m.managerId).filter((m): m is number => m != null))])).all();
  const hrStaff = db.select(cols).from(people).where(and(eq(people.role, 'hr'), eq(people.active, true))).all();
  const staff = new Map([...managers, ...skipLevels, ...hrStaff].map((p) => [p.id, p]));
  const hr = hrStaff.map((p) => p.id);
  const leaves = leavesOf(db, [...new Set([...rows.map((r) => r.ownerId), ...staff.keys()])], from, addLocalDays(utcToday, 1));

  const byRecipient = new Map<number, Item[]>();
  for (const row of rows) {
    const rule = ruleFor(row.departmentId);
    const today = localDate(now, row.ownerTz);
    const ownLeaves = leaves.get(row.ownerId) ?? [];
    for (const step of escalationStepsDue(row.dueDate, today, rule, cal, ownLeaves)) {
      if (row.steps.split(',').includes(step) || seen.has(`${row.checkpointId}:${step}`)) continue;
      seen.add(`${row.checkpointId}:${step}`);
      const manager = row.managerId != null ? staff.get(row.managerId) : undefined;
      const recipients =
        step === 'manager' ? (manager?.active ? [manager.id] : [])
        : rule.furtherTo === 'hr' ? hr
        : manager?.managerId != null && staff.get(manager.managerId)?.active ? [manager.managerId] : hr;
      const days = workingDaysBetween(row.dueDate, today, cal, ownLeaves);
      for (const r of recipients.filter((id) => pilot.has(staff.get(id)?.departmentId ?? null))) byRecipient.set(r, [...(byRecipient.get(r) ?? []), { row, step, days }]);
    }
  }

  let digests = 0;
  let claimedTotal = 0;
  const claim = stepClaimer(db);
  const digestSent = db.$client.prepare<[string], { id: number }>('select id from deliveries where dedupe_key = ?');
  const due = [...byRecipient].filter(([recipientId]) => {
    const who = staff.get(recipientId)!;
    const today = localDate(now, who.tz);
    return opts.manual || withinWorkingHours(today, localClock(now, who.tz), ruleFor(who.departmentId), cal, leaves.get(recipientId) ?? []);
  });
  // Many recipients per transaction: a commit per manager was most of a first pass with 1,000 managers.
  for (let i = 0; i < due.length; i += RECIPIENTS_PER_TRANSACTION) {
    inTransaction(db, () => {
      for (const [recipientId, items] of due.slice(i, i + RECIPIENTS_PER_TRANSACTION)) {
        const who = staff.get(recipientId)!;
        const today = localDate(now, who.tz);
        const dedupeKey = `overdue-digest:${recipientId}:${today}`;
        // One digest a day: what becomes overdue after today's has gone waits for tomorrow's.
        if (digestSent.get(dedupeKey)) continue;
        const claimed = items.filter((i) => claim(i.row.checkpointId, i.step, recipientId, now.toISOString()));
        if (claimed.length === 0) continue;
        const locale = asLocale(who.locale, deps.settings.defaultLocale);
        const section = (step: EscalationStep, title: 'goals.overdueTitle' | 'goals.overdueFurtherTitle') => {
          const list = claimed.filter((i) => i.step === step);
          if (list.length === 0) return [];
          return [t(locale, title, { count: list.length }), ...list.map((i) => t(locale, 'goals.overdueLine', { name: i.row.ownerName, title: i.row.title, date: i.row.dueDate, days: i.days }))];
        };
        const text = [...section('manager', 'goals.overdueTitle'), ...section('further', 'goals.overdueFurtherTitle')].join('\n');
        enqueue(deps, [{ dedupeKey, target: { kind: 'person', personId: recipientId }, message: { text } }]);
        digests++;
        claimedTotal += claimed.length;
      }
    });
  }
  return { digests, checkpoints: claimedTotal };
}

