import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptStandup, promptStandupInSlices } from '../../bot/services/standup/promptStandup';
import { buildPeople } from '../bench/peopleCsv';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';

/**
 * The standup fan-out as the job runs it: in batches with the event loop free in between, so a fan-out to many
 * people does not hold inbound requests up. Two runs at once (a manual run beside the scheduled one) and a later
 * all-at-once run still ask everyone exactly once.
 */
describe('the standup fan-out in slices', () => {
  let t: TestApp;
  // Enough people for at least six batches at the largest batch size (1,000): the batches grow with the machine's
  // speed, and at 1,500 people a fast run needed only three, so the timer count below depended on the machine.
  const PEOPLE = 6000;
  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T08:05:00Z') });
    expect((await t.importPeople(buildPeople(PEOPLE, { identities: false }).csv)).status).toBe(200);
  });
  afterAll(async () => t.destroy());

  it('lets timers run between batches and asks everyone once, however many runs overlap', async () => {
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const [a, b] = await Promise.all([promptStandupInSlices(t.app.deps, { manual: true }), promptStandupInSlices(t.app.deps, { manual: true })]);
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(3);
    expect(a.asked + b.asked).toBe(PEOPLE);
    expect(promptStandup(t.app.deps, { manual: true }).asked).toBe(0);
    expect(t.sql(`select count(*) as n, count(distinct person_id) as people from standup_requests`)).toEqual([{ n: PEOPLE, people: PEOPLE }]);
    expect(t.sql(`select count(*) as n, count(distinct person_id) as people from deliveries where dedupe_key like 'standup-prompt:%'`)).toEqual([{ n: PEOPLE, people: PEOPLE }]);
    expect(t.sql(`select count(*) as n from conversations where flow = 'standup' and step = 0`)).toEqual([{ n: PEOPLE }]);
    await t.app.dispatcher.drain();
    expect(t.sql(`select count(*) as n, count(distinct person_id) as people from local_messages where sender = 'bot'`)).toEqual([{ n: PEOPLE, people: PEOPLE }]);
    const [first] = await t.botMessages('p00042@bench.example.com');
    expect(first.text).toContain('测试员工42');
  });
});
