import { escalationSteps } from '../../../db/schema';
import { inTransaction } from '../../../db/client';
import { ownerStep, withinWorkingHours, type OwnerStep } from '../../domain/escalationLadder';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { progressPercent } from '../../domain/goalProgress';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { openCheckpoints, leavesOf, type OpenCheckpoint } from './dueCheckpoints';
import { GOAL_ACTIONS } from './goalChat';
import { ladderResolver } from './ladderRules';

/**
 * Job `checkin-reminder`: reminds owners of upcoming checkpoints ("before", N working days ahead) and on the due
 * day ("due"), within their working hours and working days, each step once per checkpoint, one message per owner.
 * `manual` (admin run-now) ignores quiet hours but never repeats a step.
 */
export function remindCheckins(deps: ServiceDeps, opts: { manual: boolean }): { owners: number; checkpoints: number } {
  const now = deps.now();
  const utcToday = now.toISOString().slice(0, 10);
  const from = addLocalDays(utcToday, -40);
  const to = addLocalDays(utcToday, 20);
  const rows = openCheckpoints(deps.db, from, to);
  const cal = deps.calendar();
  const ruleFor = ladderResolver(deps.db);
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
  for (const { step, items } of groups.values()) {
    sent += inTransaction(deps.db, () => {
      const claimed = items.filter(
        (row) => deps.db.insert(escalationSteps).values({ checkpointId: row.checkpointId, step, recipientId: row.ownerId, at: now.toISOString() }).onConflictDoNothing().run().changes === 1,
      );
      if (claimed.length === 0) return 0;
      const owner = claimed[0];
      const locale = asLocale(owner.ownerLocale, deps.settings.defaultLocale);
      const lines = claimed.map((r) => t(locale, 'goals.reminderLine', {
        title: r.title, current: r.currentValue, target: r.targetValue, unit: r.unit, progress: Math.round(progressPercent(r.startValue, r.targetValue, r.currentValue)),
      }));
      const head = t(locale, step === 'before' ? 'goals.reminderBefore' : 'goals.reminderDue', { date: claimed[0].dueDate });
      enqueue(deps, [{
        dedupeKey: `checkin-reminder:${owner.ownerId}:${step}:${claimed.map((r) => r.checkpointId).join('-')}`,
        target: { kind: 'person', personId: owner.ownerId },
        message: {
          text: [head, ...lines].join('\n'),
          buttons: claimed.slice(0, 6).map((r) => ({ actionId: GOAL_ACTIONS.checkin, label: claimed.length === 1 ? t(locale, 'goals.button.updateNow') : r.title.slice(0, 20), value: String(r.goalId) })),
        },
      }]);
      return claimed.length;
    });
  }
  return { owners: groups.size, checkpoints: sent };
}
