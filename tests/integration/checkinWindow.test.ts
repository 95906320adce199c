/**
 * Issue 14 item 6: check-in points farmed by checking in early. A check-in answers the earliest open checkpoint
 * only once that checkpoint's window (from the day after the previous due day) has opened; before, the value is
 * saved and nothing is answered. The API and the chat flow share the rule; reminders and escalation are unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { Client, TEAM_CSV, TestApp } from '../support/harness';

// The schedule: from 15 Nov every 14 days, so checkpoints on 29 Nov, 13 Dec, 27 Dec and the end, 31 Dec.
const GOALS_CSV = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'G1,,individual,每月回访重点客户,li.lei@example.com,研发中心/后端组,家,0,60,1,2026-11-15,2026-12-31,14',
].join('\n');
const LI = 'li.lei@example.com';

interface CheckInAnswer {
  checkpoint: { dueDate: string } | null;
  onTime: boolean;
  pointAwarded: number;
  notYet: { dueDate: string; opensOn: string } | null;
}

describe('a check-in answers the checkpoint whose window is open', () => {
  let t: TestApp;
  let li: Client;
  let goalId: number;
  beforeEach(async () => {
    // Friday 20 Nov 2026, 10:00 in Shanghai: inside the first window (15 → 29 Nov).
    t = await TestApp.start({ clock: new TestClock('2026-11-20T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
    expect((await t.request('POST', '/api/goals/import', GOALS_CSV, 'text/csv')).status).toBe(200);
    goalId = t.sql<{ id: number }>(`select id from goals where ref = 'G1'`)[0].id;
    li = await t.signInAs(LI);
  });
  afterEach(async () => t.destroy());

  const checkIn = async (value: number) => {
    const res = await li.json<CheckInAnswer>('POST', `/api/goals/${goalId}/check-ins`, { value });
    expect(res.status).toBe(201);
    return res.body;
  };
  const answered = () => t.sql<{ due_date: string; on_time: number }>('select due_date, on_time from checkpoints where checked_in_at is not null order by due_date');
  const checkinPoints = () => t.sql<{ amount: number }>(`select amount from points_ledger where kind = 'checkin'`).length;
  const botSays = async (email: string) => (await t.botMessages(email)).map((m) => m.text);

  it('four quick check-ins answer only the current checkpoint and earn one point; the value still updates', async () => {
    const answers = [];
    for (const value of [5, 10, 15, 20]) answers.push(await checkIn(value));
    expect(answers.map((a) => [a.checkpoint?.dueDate ?? null, a.pointAwarded])).toEqual([['2026-11-29', 1], [null, 0], [null, 0], [null, 0]]);
    expect(answers[3].notYet).toEqual({ dueDate: '2026-12-13', opensOn: '2026-11-30' });
    expect(answers[3].onTime).toBe(true); // an update between checkpoints is not late
    expect(answered()).toEqual([{ due_date: '2026-11-29', on_time: 1 }]);
    expect(checkinPoints()).toBe(1);
    expect(t.sql('select current_value from goals where id = ?', goalId)).toEqual([{ current_value: 20 }]);
    expect(t.sql('select count(*) as n from check_ins where checkpoint_id is null')).toEqual([{ n: 3 }]);

    // The chat flow goes through the same rule and says when a check-in counts again.
    await t.click(LI, 'goal.checkin', String(goalId));
    await t.say(LI, '25');
    await t.click(LI, 'goal.status', 'on_track');
    await t.click(LI, 'goal.skipNote', String(goalId));
    const reply = (await botSays(LI)).at(-1)!;
    expect(reply).toContain('已更新 每月回访重点客户：25/60 家');
    expect(reply).toContain('下一次检查点是 2026-12-13，2026-11-30 起签到可得积分');
    expect(reply).not.toContain('积分 +1');
    expect(checkinPoints()).toBe(1);
  });

  it('the next window answers the next checkpoint; the reminder for it still comes, as the ladder says', async () => {
    await checkIn(5);
    await checkIn(6); // early for 13 Dec: answers nothing, so 13 Dec stays open and is reminded as usual

    t.clock.set('2026-12-09T02:00:00Z'); // Wednesday: two working days before Sunday 13 Dec
    await t.tick();
    expect((await botSays(LI)).filter((m) => m.includes('2026-12-13 有目标检查点'))).toHaveLength(1);
    const next = await checkIn(12);
    expect([next.checkpoint?.dueDate, next.onTime, next.pointAwarded]).toEqual(['2026-12-13', true, 1]);
    expect(checkinPoints()).toBe(2);
  });

  it('an overdue checkpoint is escalated, then answered late with no point; the following window is open at once', async () => {
    await checkIn(5); // 29 Nov, on time
    t.clock.set('2026-12-09T02:00:00Z');
    await checkIn(10); // 13 Dec, on time

    // 27 Dec passes unanswered: Tuesday 29 Dec is two working days overdue, and the manager hears of it.
    t.clock.set('2026-12-29T02:00:00Z');
    await t.tick();
    const digest = (await botSays('wang.fang@example.com')).find((m) => m.startsWith('团队中逾期未更新的目标'));
    expect(digest).toContain('李雷：每月回访重点客户，应于 2026-12-27 更新');

    const late = await checkIn(30);
    expect([late.checkpoint?.dueDate, late.onTime, late.pointAwarded]).toEqual(['2026-12-27', false, 0]);
    // 31 Dec's window opened on 28 Dec: the next check-in answers it, on time.
    const last = await checkIn(31);
    expect([last.checkpoint?.dueDate, last.onTime, last.pointAwarded]).toEqual(['2026-12-31', true, 1]);
    expect(answered()).toEqual([
      { due_date: '2026-11-29', on_time: 1 }, { due_date: '2026-12-13', on_time: 1 }, { due_date: '2026-12-27', on_time: 0 }, { due_date: '2026-12-31', on_time: 1 },
    ]);
    expect(checkinPoints()).toBe(3);
    expect((await checkIn(32)).checkpoint).toBeNull(); // nothing left to answer
  });
});
