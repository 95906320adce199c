import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { WorkCalendar } from '../../bot/domain/calendar';
import { createLogger } from '../../bot/logger';
import type { ServiceDeps } from '../../bot/services/context';
import { escalateOverdueInSlices } from '../../bot/services/goals/escalateOverdue';
import { remindCheckinsInSlices } from '../../bot/services/goals/remindCheckins';
import { settingsFrom } from '../../bot/settings';
import { openDatabase } from '../../db/client';
import { startWalCheckpointer } from '../../db/walCheckpointer';
import { mb, ms, numRow, type Row } from './table';
import { check, measure, progress, timed } from './util';

const DATES = ['2026-10-15', '2026-10-29', '2026-11-12', '2026-11-26', '2026-12-10', '2026-12-24', '2026-12-31'];

/**
 * One scheduler pass of the goal ladder (checkin-reminder + overdue-escalation) for `people` people with
 * `perPerson` goals each, against a plain indexed count of the open checkpoints over the same tables.
 */
export async function runGoalsPass(dir: string, people = 10_000, perPerson = 5): Promise<{ rows: Row[]; notes: string[] }> {
  progress(`goals: ${people.toLocaleString('en-US')} people x ${perPerson} goals, one scheduler pass`);
  const db = openDatabase(join(dir, 'goals.db'));
  const c = db.$client;
  const at = '2026-10-01T00:00:00.000Z';
  c.transaction(() => {
    const person = c.prepare(`insert into people (employee_no, name, email, manager_id, timezone, locale, role, created_at, updated_at) values (?, ?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?, ?, ?)`);
    const goal = c.prepare(`insert into goals (ref, level, title, owner_id, unit, start_value, target_value, current_value, weight, period_start, period_end, checkin_every_days, created_at, updated_at)
                            values (?, 'individual', ?, ?, '件', 0, 100, 10, 1, '2026-10-01', '2026-12-31', 14, ?, ?)`);
    const checkpoint = c.prepare(`insert into checkpoints (goal_id, due_date, checked_in_at, on_time) values (?, ?, ?, ?)`);
    for (let p = 1; p <= people; p++) {
      const manager = p % 10 === 1 ? null : p - ((p - 1) % 10); // every tenth person leads the nine after them
      person.run(`G${p}`, `Person ${p}`, `g${p}@bench.example.com`, manager, manager ? 'employee' : 'manager', at, at);
      for (let k = 0; k < perPerson; k++) {
        const goalId = Number(goal.run(`P${p}-${k}`, `Goal ${k} of ${p}`, p, at, at).lastInsertRowid);
        for (const due of DATES) {
          // The October checkpoints are answered; one goal in five missed 12 November (overdue now).
          const answered = due < '2026-11-12' || (due === '2026-11-12' && (p + k) % 5 !== 0);
          checkpoint.run(goalId, due, answered ? `${due}T08:00:00.000Z` : null, answered ? 1 : null);
        }
      }
    }
  })();

  // WAL checkpoints on their own thread, as the server runs them (startApp): without it the commit that passes
  // 1,000 log pages checkpoints on the event loop, which the server's own opening or pass never does.
  const checkpointer = startWalCheckpointer(db, { warn: () => {} });
  const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
  const deps: ServiceDeps = {
    db, now: () => now, calendar: () => new WorkCalendar(), settings: settingsFrom(loadConfig({})), route: () => 'local', chatPlatforms: { slack: false, wecom: false }, log: createLogger('silent'),
  };
  const baselineSql = c.prepare(`select count(*) as n from checkpoints where checked_in_at is null and due_date >= ? and due_date <= ?`);
  const baseline = await timed(() => baselineSql.get('2026-07-25', '2026-12-13'));
  const S = `goal ladder ${people >= 1000 ? `${people / 1000}k` : people} x ${perPerson}`;
  // One scheduler pass: both jobs as the scheduler runs them (yielding between pages), one after the other.
  const pass = async () => ({ remind: await remindCheckinsInSlices(deps, { manual: false }), escalate: await escalateOverdueInSlices(deps, { manual: false }) });
  let firstValue: Awaited<ReturnType<typeof pass>> | undefined;
  let secondValue: Awaited<ReturnType<typeof pass>> | undefined;
  const first = await measure(async () => (firstValue = await pass()));
  const second = await measure(async () => (secondValue = await pass()));
  const baseline2 = await timed(() => baselineSql.get('2026-07-25', '2026-12-13'));
  const firstValueOk = firstValue!;
  const secondValueOk = secondValue!;
  check(firstValueOk.remind.owners === people, `expected a reminder for every owner, got ${firstValueOk.remind.owners}`);
  // One overdue goal per person; the top managers (every tenth person) have nobody to escalate to.
  const withManager = people - Math.ceil(people / 10);
  check(firstValueOk.escalate.checkpoints === withManager, `expected ${withManager} overdue checkpoints escalated, got ${firstValueOk.escalate.checkpoints}`);
  check(secondValueOk.remind.checkpoints === 0 && secondValueOk.escalate.checkpoints === 0, 'a second pass must repeat nothing');
  const deliveries = (c.prepare('select count(*) as n from deliveries').get() as { n: number }).n;
  const digests = (c.prepare(`select count(*) as n from deliveries where dedupe_key like 'overdue-digest:%'`).get() as { n: number }).n;
  await checkpointer.stop();
  c.close();
  return {
    rows: [
      numRow(S, 'first pass (reminders + escalations)', first.ms, baseline.ms, ms, first.stallMs),
      numRow(S, 'first pass: CPU time', first.cpuMs, baseline.ms, ms, first.stallMs),
      numRow(S, 'steady pass (nothing new to send)', second.ms, baseline2.ms, ms, second.stallMs),
      numRow(S, 'steady pass: CPU time', second.cpuMs, baseline2.ms, ms, second.stallMs),
      numRow(S, 'peak RSS during the first pass', first.rss.peak, first.rss.start, mb, first.stallMs),
    ],
    notes: [
      `goals: ${(people * perPerson).toLocaleString('en-US')} goals, ${(people * perPerson * DATES.length).toLocaleString('en-US')} checkpoints; first pass queued ${deliveries.toLocaleString('en-US')} messages (${digests.toLocaleString('en-US')} manager digests, one per manager); baseline = indexed count of open checkpoints in the scan window; RSS baseline = RSS before the pass`,
    ],
  };
}
