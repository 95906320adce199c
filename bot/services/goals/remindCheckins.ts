import { inTransaction } from '../../../db/client';
import { ownerStep, withinWorkingHours, type OwnerStep } from '../../domain/escalationLadder';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { progressPercent } from '../../domain/goalProgress';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { leavesOf, openCheckpoints, stepClaimer, type OpenCheckpoint } from './dueCheckpoints';
import { GOAL_ACTIONS } from './goalChat';
import { ladderResolver } from './ladderRules';
import { pilotAudience } from '../settings/audiences';

/**
 * Job `checkin-reminder`: reminds owners of upcoming checkpoints ("before", N working days ahead) and on the due
 * day ("due"), within their working hours and working days, each step once per checkpoint, one message per owner.
 * `manual` (admin run-now) ignores quiet hours but never repeats a step.
 */
export function remindCheckins(deps: ServiceDeps, opts: { manual: boolean }): { owners: number; checkpoints: number } {
  const now = deps.now();
  const utcToday = now.toISOString().slice(0, 10);
  const cal = deps.calendar();
  const ruleFor = ladderResolver(deps.db);
  // Only checkpoints a reminder can be due for: up to N working days ahead (two calendar days per working day
  // leaves room for weekends and holidays), back to where the manager takes over; none already reminded on the day.
  const ahead = 2 * ruleFor.maxRemindBeforeDays + 10;
  const behind = 2 * ruleFor.maxManagerAfterDays + 10;
  const from = addLocalDays(utcToday, -behind);
  const to = addLocalDays(utcToday, ahead);
  // In a pilot only its people's goals are reminded (pilotAudience: everyone when there is none).
  const pilot = pilotAudience(deps);
  const rows = openCheckpoints(deps.db, from, to, 'due', addLocalDays(utcToday, 1)).filter((r) => pilot.has(r.departmentId));
  const leaves = leavesOf(deps.db, [...new Set(rows.map((r) => r.ownerId))], from, to);

  const groups = new Map<string, { step: OwnerStep; items: OpenCheckpoint[] }>();
  for (const row of rows) {
    const today = localDate(now, row.ownerTz);
    const rule = ruleFor(row.departmentId);
    const own = leaves.get(row.ownerId) ?? [];
    const step = ownerStep(row.dueDate, today, rule, cal, own);
    const taken = row.steps.split(',');
    if (!step || taken.includes('due') || taken.includes(step)) continue;
    if (!opts.manual && !withinWorkingHours(today, localClock(now, row.ownerTz), rule, cal, own)) continue;
    const key = `${row.ownerId}:${step}`;
    groups.set(key, { step, items: [...(groups.get(key)?.items ?? []), row] });
  }

  let sent = 0;
  const claim = stepClaimer(deps.db);
  const all = [...groups.values()];
  // Several hundred owners per transaction: one commit and one outbox insert per chunk, not per person.
  for (let i = 0; i < all.length; i += 500) {
    sent += inTransaction(deps.db, () => {
      const items: OutboxItem[] = [];
      let claimedCount = 0;
      for (const { step, items: rowsOfOwner } of all.slice(i, i + 500)) {
        const claimed = rowsOfOwner.filter((row) => claim(row.checkpointId, step, row.ownerId, now.toISOString()));
        if (claimed.length === 0) continue;
        claimedCount += claimed.length;
        items.push(reminderMessage(deps, step, claimed));
      }
      enqueue(deps, items);
      return claimedCount;
    });
  }
  return { owners: groups.size, checkpoints: sent };
}

function reminderMessage(deps: ServiceDeps, step: OwnerStep, claimed: OpenCheckpoint[]): OutboxItem {
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
