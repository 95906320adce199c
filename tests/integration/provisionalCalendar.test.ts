/**
 * Issue 13 item 9: a year the installed chinese-days does not publish yet (2027) runs on the provisional statutory
 * days computed from the lunar calendar; the console reads them beside the company days.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

interface NationalJson { year: number; published: boolean; days: { date: string; name: { 'zh-CN': string; en: string }; kind: string; provisional: boolean }[] }

describe('the calendar of a year not published yet', () => {
  let t: TestApp;
  afterEach(async () => t.destroy());

  it('moves the standup off 除夕 2027 (a provisional day off) to the Thursday before', async () => {
    // Friday 5 Feb 2027 is 除夕, the first of the four provisional Spring Festival days.
    t = await TestApp.start({ clock: new TestClock('2027-02-05T08:01:00Z') });
    await t.importPeople(TEAM_CSV);
    await t.tick();
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(0);
    t.clock.set('2027-02-04T08:01:00Z');
    await t.tick();
    expect(t.sql(`select distinct due_date from standup_requests`)).toEqual([{ due_date: '2027-02-04' }]);
  });

  it('answers GET /api/holidays/national: provisional days for 2027, the published ones for 2026, 400 for a bad year', async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
    const employee = await t.signInAs('li.lei@example.com');
    const y2027 = await employee.json<NationalJson>('GET', '/api/holidays/national?year=2027');
    expect(y2027.status).toBe(200);
    expect(y2027.body.published).toBe(false);
    expect(y2027.body.days.map((d) => d.date)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
      '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    expect(y2027.body.days.every((d) => d.provisional && d.kind === 'off')).toBe(true);
    const y2026 = await employee.json<NationalJson>('GET', '/api/holidays/national?year=2026');
    expect(y2026.body.published).toBe(true);
    expect(y2026.body.days.filter((d) => d.kind === 'work').map((d) => d.date)).toContain('2026-02-14');
    expect(y2026.body.days.some((d) => d.provisional)).toBe(false);
    const bad = await employee.json<{ error: { code: string } }>('GET', '/api/holidays/national?year=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});
