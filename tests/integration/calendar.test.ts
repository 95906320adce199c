import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

describe('who is asked: leave, holidays and make-up workdays', () => {
  let t: TestApp;
  afterEach(async () => t.destroy());

  it('does not ask a person on leave on their standup day, and asks the others', async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T08:01:00Z') });
    await t.importPeople(TEAM_CSV);
    t.sql(`insert into leaves (person_id, start_date, end_date) select id, '2026-11-26', '2026-11-27' from people where email = 'han.meimei@example.com'`);
    await t.tick();
    expect(await t.botMessages('han.meimei@example.com')).toHaveLength(0);
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(1);
    await t.runJob('standup-prompt'); // run-now also skips people on leave today
    expect(await t.botMessages('han.meimei@example.com')).toHaveLength(0);
  });

  it('asks on Wednesday when Friday is the National Day holiday, not on the holiday itself', async () => {
    // 2026-W40: Thursday 1 Oct – Wednesday 7 Oct are public holidays; Wednesday 30 Sep is the last working day.
    t = await TestApp.start({ clock: new TestClock('2026-10-02T08:01:00Z') });
    await t.importPeople(TEAM_CSV);
    await t.tick();
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(0);
    t.clock.set('2026-09-30T08:01:00Z');
    await t.tick();
    expect(t.sql(`select distinct due_date from standup_requests`)).toEqual([{ due_date: '2026-09-30' }]);
  });

  it('treats the make-up Saturday before Spring Festival as a working day, and moves the close past the holiday', async () => {
    // 2026-W07: Friday 13 Feb works, Saturday 14 Feb is a make-up workday (调休), 15–23 Feb are Spring Festival.
    t = await TestApp.start({ clock: new TestClock('2026-02-13T08:01:00Z') });
    await t.importPeople(TEAM_CSV);
    await t.tick();
    expect(t.sql(`select period_key, closes_at from standup_rounds`)).toEqual([
      // Monday 16 Feb is a holiday: the round stays open until the first working day, Tuesday 24 Feb 10:00.
      { period_key: '2026-W07', closes_at: '2026-02-24T02:00:00.000Z' },
    ]);
    // On the make-up Saturday the round is open and answers are on time.
    t.clock.set('2026-02-14T03:00:00Z');
    await t.say('li.lei@example.com', '完成了发版');
    await t.say('li.lei@example.com', '无');
    await t.say('li.lei@example.com', '节后继续');
    expect(t.sql(`select late from standup_requests r join people p on p.id = r.person_id where p.email = 'li.lei@example.com'`)).toEqual([{ late: 0 }]);
    // A company holiday on a make-up Saturday wins over the national calendar.
    const { WorkCalendar } = await import('../../bot/domain/calendar');
    expect(new WorkCalendar([{ date: '2026-02-14', kind: 'off' }]).isCompanyWorkday('2026-02-14')).toBe(false);
    expect(new WorkCalendar().isCompanyWorkday('2026-02-14')).toBe(true);
  });

  it('lets HR enter company holidays and leave through the API, which the schedule then follows', async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T07:00:00Z') });
    await t.importPeople(TEAM_CSV);
    expect((await t.request('PUT', '/api/holidays/2026-11-27', { name: '公司团建', kind: 'off' })).status).toBe(200);
    expect((await t.request('PUT', '/api/holidays/2026-11-28', { name: 'x', kind: 'maybe' })).status).toBe(400);
    const leave = await t.request('POST', '/api/leaves', { email: 'li.lei@example.com', startDate: '2026-11-26', endDate: '2026-11-26', reason: '年假' });
    expect(leave.status).toBe(201);
    expect((await t.request('POST', '/api/leaves', { email: 'li.lei@example.com', startDate: '2026-11-27', endDate: '2026-11-20' })).status).toBe(400);
    // Friday is now a company day off, so the standup moves to Thursday, when Li Lei is on leave.
    t.clock.set('2026-11-26T08:01:00Z');
    await t.tick();
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(0);
    expect(await t.botMessages('han.meimei@example.com')).toHaveLength(1);
    expect(t.sql(`select distinct due_date from standup_requests`)).toEqual([{ due_date: '2026-11-26' }]);
    expect(((await (await t.request('GET', '/api/leaves?email=li.lei@example.com')).json()) as { leaves: unknown[] }).leaves).toHaveLength(1);
    expect(t.sql(`select action from audit_log`)).toEqual([{ action: 'holiday.set' }]);
  });
});
