import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue, escalateOverdueInSlices } from '../../bot/services/goals/escalateOverdue';
import { remindCheckins, remindCheckinsInSlices } from '../../bot/services/goals/remindCheckins';
import { buildPeople } from '../bench/peopleCsv';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';

/**
 * The goal ladder as the scheduler runs it: read in pages of the open-checkpoint index and written a few owners at a
 * time, with the event loop free in between. Two runs at once still take each step once (one reminder per owner,
 * one digest per manager listing every report); a checkpoint checked in while a run is under way is not reminded.
 */
describe('the goal ladder in slices', () => {
  let t: TestApp;
  const PEOPLE = 1200;
  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Shanghai: the 25th is two working days ahead, the 16th five behind.
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    expect((await t.importPeople(buildPeople(PEOPLE, { identities: false }).csv)).status).toBe(200);
    const c = t.app.db.$client;
    const at = '2026-10-01T00:00:00.000Z';
    const goal = c.prepare(`insert into goals (ref, level, title, owner_id, unit, start_value, target_value, current_value, weight, period_start, period_end, checkin_every_days, created_at, updated_at)
                            values (?, 'individual', ?, ?, '件', 0, 100, 10, 1, '2026-10-01', '2026-12-31', 14, ?, ?)`);
    const checkpoint = c.prepare(`insert into checkpoints (goal_id, due_date) values (?, ?)`);
    c.transaction(() => {
      for (const { id } of c.prepare('select id from people order by id').all() as { id: number }[]) {
        const g = Number(goal.run(`L${id}`, `目标${id}`, id, at, at).lastInsertRowid);
        checkpoint.run(g, '2026-11-16');
        checkpoint.run(g, '2026-11-25');
      }
    })();
  });
  afterAll(async () => t.destroy());

  it('lets timers run between pages and takes every step once, however many runs overlap', async () => {
    const c = t.app.db.$client;
    const late = c.prepare(`select c.id from checkpoints c join goals g on g.id = c.goal_id join people p on p.id = g.owner_id
                            where p.email = 'p01100@bench.example.com' and c.due_date = '2026-11-25'`).get() as { id: number };
    let turns = 0;
    let checkedIn = false;
    const ticking = setInterval(() => {
      turns++;
      if (!checkedIn) {
        // a check-in lands while the runs are under way
        c.prepare(`update checkpoints set checked_in_at = '2026-11-23T02:00:01.000Z', on_time = 1 where id = ?`).run(late.id);
        checkedIn = true;
      }
    }, 0);
    const [a, b] = await Promise.all([remindCheckinsInSlices(t.app.deps, { manual: false }), remindCheckinsInSlices(t.app.deps, { manual: false })]);
    const [x, y] = await Promise.all([escalateOverdueInSlices(t.app.deps, { manual: false }), escalateOverdueInSlices(t.app.deps, { manual: false })]);
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(5);

    // Reminders: one "before" per owner for the 25th, except the one checked in meanwhile and those whose working
    // day has not begun (Los Angeles, Berlin: a tenth of the bench's people).
    const { awake } = t.sql(`select count(*) as awake from people where timezone = 'Asia/Shanghai'`)[0] as { awake: number };
    expect(awake).toBe(PEOPLE * 0.9);
    expect(a.checkpoints + b.checkpoints).toBe(awake - 1);
    expect(t.sql(`select count(*) as n, count(distinct person_id) as people from deliveries where dedupe_key like 'checkin-reminder:%'`)).toEqual([{ n: awake - 1, people: awake - 1 }]);
    expect(t.sql(`select count(*) as n from escalation_steps where checkpoint_id = ${late.id}`)).toEqual([{ n: 0 }]);

    // Escalations: every overdue checkpoint whose owner has a manager, once, in one digest per manager.
    const managed = t.sql(`select count(*) as n, count(distinct manager_id) as managers from people where manager_id is not null`)[0] as { n: number; managers: number };
    expect(x.checkpoints + y.checkpoints).toBe(managed.n);
    expect(x.digests + y.digests).toBe(managed.managers);
    expect(t.sql(`select count(*) as n, count(distinct person_id) as people from deliveries where dedupe_key like 'overdue-digest:%'`)).toEqual([{ n: managed.managers, people: managed.managers }]);
    const digest = c.prepare(`select d.payload from deliveries d join people p on p.id = d.person_id where p.email = 'p00010@bench.example.com' and d.dedupe_key like 'overdue-digest:%'`).get() as { payload: string };
    expect(JSON.parse(digest.payload).text.split('\n').filter((l: string) => l.startsWith('• '))).toHaveLength(9 + 10); // nine reports, ten team leads

    // Nothing is left to do, all at once or in slices.
    expect(remindCheckins(t.app.deps, { manual: false })).toEqual({ owners: 0, checkpoints: 0 });
    expect(escalateOverdue(t.app.deps, { manual: false })).toEqual({ digests: 0, checkpoints: 0 });
  }, 120_000);
});
