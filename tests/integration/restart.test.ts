import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

describe('a restart mid-round', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-restart-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('continues the conversation where it was and repeats no prompt, reminder or digest', async () => {
    const clock = new TestClock('2026-11-27T08:05:00Z');
    const first = await TestApp.start({ clock, dir, env: { SCHEDULER: 'on' } }); // start-up catch-up pass
    expect((await first.importPeople(TEAM_CSV)).status).toBe(200);
    await first.tick();
    await first.say('li.lei@example.com', '完成了A');
    await first.say('han.meimei@example.com', '完成了B');
    clock.set('2026-11-27T10:01:00Z');
    await first.tick(); // reminders
    const before = first.sql<{ n: number }>(`select count(*) as n from deliveries`)[0].n;
    await first.stop();

    // A new process on the same database file, with the scheduler's start-up catch-up pass.
    clock.set('2026-11-27T10:30:00Z');
    const second = await TestApp.start({ clock, dir, env: { SCHEDULER: 'on' } });
    await second.tick();
    await second.tick();
    expect(second.sql<{ n: number }>(`select count(*) as n from deliveries`)[0].n).toBe(before);

    await second.say('li.lei@example.com', '没有');
    expect((await second.botMessages('li.lei@example.com')).at(-1)!.text).toContain('问题 3/3');
    await second.say('li.lei@example.com', '计划C');
    expect(second.sql(`select count(*) as n from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.email = 'li.lei@example.com'`)).toEqual([{ n: 3 }]);

    // Down over the weekend: the close and its digests happen once, on the start after the closing time.
    await second.stop();
    clock.set('2026-11-30T05:00:00Z');
    const third = await TestApp.start({ clock, dir, env: { SCHEDULER: 'on' } });
    await third.tick();
    await third.runJob('standup-close');
    const digests = third.sql<{ n: number }>(`select count(*) as n from deliveries where dedupe_key like 'standup-digest:%'`)[0].n;
    expect(digests).toBe(1);
    expect(third.sql(`select count(*) as n from deliveries where status != 'sent'`)).toEqual([{ n: 0 }]);
    const prompts = third.sql<{ n: number }>(`select count(*) as n from deliveries where dedupe_key like 'standup-prompt:%'`)[0].n;
    // Kevin's Friday 16:00 in Los Angeles fell while the process was down, beyond the grace window: not asked late at night days later.
    expect(prompts).toBe(3);
    await third.destroy();
  });
});
