import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TEAM_CSV, TestApp } from '../support/harness';

const GOALS_HEADER = 'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days';
const GOALS_CSV = [
  GOALS_HEADER,
  'CS-1,,department,Q4 续约率提升至85%,wang.fang@example.com,研发中心,%,70,85,1,2026-10-01,2026-12-31,14',
  'CS-1-1,CS-1,individual,每月回访重点客户,li.lei@example.com,研发中心/后端组,家,0,60,2,2026-10-01,2026-12-31,14',
  'CS-1-2,CS-1,individual,工单48小时闭环率,han.meimei@example.com,研发中心/后端组,%,60,90,1,2026-10-01,2026-12-31,14',
].join('\n');

interface GoalJson { ref: string; progress: number; children: GoalJson[]; status: string; currentValue: number }

describe('goals and check-ins through the local chat', () => {
  let t: TestApp;
  beforeEach(async () => {
    // Monday 23 Nov 2026, 10:00 in Shanghai. Checkpoints fall every 14 days from 1 Oct: the next is Thursday 26 Nov.
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
  });
  afterEach(async () => t.destroy());

  const importGoals = (csv: string) => t.request('POST', '/api/goals/import', csv, 'text/csv');
  const tree = async () => ((await (await t.request('GET', '/api/goals')).json()) as { goals: GoalJson[] }).goals;
  const digestsTo = async (email: string) => (await t.botMessages(email)).filter((m) => m.text.startsWith('团队中逾期未更新的目标'));

  it('reminds, takes a check-in by chat, rolls progress up, and escalates an overdue goal to the manager exactly once', async () => {
    expect(await (await importGoals(GOALS_CSV)).json()).toEqual({ created: 3, updated: 0, total: 3 });
    expect(t.sql(`select due_date from checkpoints c join goals g on g.id = c.goal_id where g.ref = 'CS-1-1' order by due_date`).map((r) => r.due_date)).toEqual([
      '2026-11-26', '2026-12-10', '2026-12-24', '2026-12-31',
    ]);

    await t.tick(); // three working days before Thursday's checkpoint
    const reminder = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(reminder.text).toContain('2026-11-26 有目标检查点');
    expect(reminder.text).toContain('每月回访重点客户');
    await t.tick();
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(1); // each step once

    await t.click('li.lei@example.com', reminder.buttons[0].actionId, reminder.buttons[0].value);
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('请回复最新数值');
    await t.say('li.lei@example.com', '三十');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('请回复一个数字');
    await t.say('li.lei@example.com', '30');
    const statusQuestion = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(statusQuestion.buttons.map((b) => b.value)).toEqual(['on_track', 'at_risk', 'off_track', 'done']);
    await t.click('li.lei@example.com', 'goal.status', 'on_track');
    await t.say('li.lei@example.com', '本月已回访 30 家');
    const done = (await t.botMessages('li.lei@example.com')).at(-1)!.text;
    expect(done).toContain('已更新 每月回访重点客户：30/60 家（50%），正常。');
    expect(done).toContain('按时更新，积分 +1');
    expect(t.sql(`select value, status, note, on_time from check_ins`)).toEqual([{ value: 30, status: 'on_track', note: '本月已回访 30 家', on_time: 1 }]);

    // The department goal is the weighted mean: (2 × 50% + 1 × 0%) / 3.
    const [root] = await tree();
    expect(root.ref).toBe('CS-1');
    expect(root.progress).toBeCloseTo(33.3, 1);
    expect(root.children.find((c) => c.ref === 'CS-1-1')!.currentValue).toBe(30);

    await t.say('li.lei@example.com', '目标');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('下次检查 2026-12-10');

    t.clock.set('2026-11-26T02:00:00Z'); // Thursday: the due day
    await t.tick();
    expect((await t.botMessages('han.meimei@example.com')).at(-1)!.text).toContain('今天（2026-11-26）是目标检查日');
    expect((await t.botMessages('li.lei@example.com')).filter((m) => m.text.includes('目标检查日'))).toHaveLength(0);

    t.clock.set('2026-11-27T02:00:00Z'); // Friday: one working day overdue
    await t.tick();
    await t.tick();
    expect(await t.runJob('overdue-escalation')).toEqual({ digests: 0, checkpoints: 0 });
    const digests = await digestsTo('wang.fang@example.com');
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('韩梅梅：工单48小时闭环率，应于 2026-11-26 更新（已逾期 1 个工作日）');
    expect(digests[0].text).not.toContain('李雷');

    // A new process on the same database: nothing is repeated, and the weekend stays quiet.
    await t.stop();
    t = await TestApp.start({ clock: t.clock, dir: t.dir });
    t.clock.set('2026-11-30T02:00:00Z');
    await t.tick();
    await t.runJob('overdue-escalation');
    expect(await digestsTo('wang.fang@example.com')).toHaveLength(1);
    expect(t.sql(`select count(*) as n from escalation_steps where step = 'manager'`)).toEqual([{ n: 1 }]);
  });

  it('sends a manager with 30 overdue reports one digest listing all of them', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `R${i},员工${i},r${i}@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee`);
    await t.importPeople([PEOPLE_HEADER, ...rows].join('\n'));
    const goals = Array.from({ length: 30 }, (_, i) => `G${i},,individual,目标${i},r${i}@example.com,,件,0,10,1,2026-10-01,2026-12-31,14`);
    await importGoals([GOALS_HEADER, ...goals].join('\n'));
    t.clock.set('2026-11-27T02:00:00Z');
    await t.tick();
    await t.runJob('overdue-escalation');
    const digests = await digestsTo('wang.fang@example.com');
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('（30 项）');
    expect(digests[0].text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(30);
  });

  it('refuses a bad import with line numbers and writes nothing', async () => {
    const res = await importGoals([
      GOALS_HEADER,
      'A,C,company,甲,wang.fang@example.com,,,0,10,1,2026-10-01,2026-12-31,14',
      'B,A,department,乙,nobody@example.com,,,0,10,1,2026-10-01,2026-12-31,14',
      'C,B,team,丙,li.lei@example.com,,,0,10,-1,2026-10-01,2026-12-31,14',
      'D,,individual,丁,li.lei@example.com,,,5,5,1,2026-10-01,2026-12-31,14',
    ].join('\n'));
    expect(res.status).toBe(422);
    const details = ((await res.json()) as { error: { details: { line: number; field?: string }[] } }).error.details;
    expect(details.map((d) => `${d.line}:${d.field}`)).toEqual(['4:weight']); // shape errors first: the negative weight
    const second = await importGoals([
      GOALS_HEADER,
      'A,C,company,甲,wang.fang@example.com,,,0,10,1,2026-10-01,2026-12-31,14',
      'B,A,department,乙,nobody@example.com,,,0,10,1,2026-10-01,2026-12-31,14',
      'C,B,team,丙,li.lei@example.com,,,0,10,1,2026-10-01,2026-12-31,14',
      'D,,individual,丁,li.lei@example.com,,,5,5,1,2026-10-01,2026-12-31,14',
    ].join('\n'));
    const problems = ((await second.json()) as { error: { details: { line: number; field?: string; message: string }[] } }).error.details;
    expect(problems.map((d) => `${d.line}:${d.field}`)).toEqual(['2:parent_ref', '3:owner_email', '3:parent_ref', '4:parent_ref', '5:target_value']);
    expect(problems[0].message).toContain('cycle');
    expect(t.sql(`select count(*) as n from goals`)).toEqual([{ n: 0 }]);
    // A goal entered by mistake (no history yet) can be removed.
    await importGoals([GOALS_HEADER, 'X,,individual,误建,li.lei@example.com,,,0,10,1,2026-10-01,2026-12-31,14'].join('\n'));
    const x = t.sql<{ id: number }>(`select id from goals where ref = 'X'`)[0];
    expect((await t.request('DELETE', `/api/goals/${x.id}`)).status).toBe(204);
    expect(t.sql(`select count(*) as n from checkpoints`)).toEqual([{ n: 0 }]);
  });

  it('keeps a revision history of mid-period adjustments, and reports the update rate by week', async () => {
    await importGoals(GOALS_CSV);
    const goal = t.sql<{ id: number }>(`select id from goals where ref = 'CS-1-2'`)[0];
    const noReason = await t.request('PATCH', `/api/goals/${goal.id}`, { targetValue: 95 });
    expect(noReason.status).toBe(400);
    const ok = await t.request('PATCH', `/api/goals/${goal.id}`, { targetValue: 95, weight: 2, reason: '客户要求提高' });
    expect(ok.status).toBe(200);
    const detail = (await (await t.request('GET', `/api/goals/${goal.id}`)).json()) as { revisions: { changes: Record<string, unknown[]>; reason: string; actor: string }[] };
    expect(detail.revisions[0]).toMatchObject({ changes: { targetValue: [90, 95], weight: [1, 2] }, reason: '客户要求提高', actor: 'account:1' });
    const parent = t.sql<{ id: number }>(`select id from goals where ref = 'CS-1'`)[0];
    expect((await t.request('DELETE', `/api/goals/${parent.id}`)).status).toBe(409); // it has sub-goals

    t.clock.set('2026-11-26T03:00:00Z');
    await t.click('li.lei@example.com', 'goal.checkin', String(t.sql<{ id: number }>(`select id from goals where ref = 'CS-1-1'`)[0].id));
    await t.say('li.lei@example.com', '20');
    await t.click('li.lei@example.com', 'goal.status', 'at_risk');
    await t.click('li.lei@example.com', 'goal.skipNote', '0');
    t.clock.set('2026-11-30T03:00:00Z');
    const li = t.sql<{ id: number }>(`select id from goals where ref = 'CS-1-1'`)[0];
    expect((await t.request('DELETE', `/api/goals/${li.id}`)).status).toBe(409); // checked in on: adjust, don't delete
    const rate = (await (await t.request('GET', '/api/reports/update-rate?from=2026-11-01&to=2026-11-30')).json()) as { weeks: { week: string; company: { due: number; onTime: number; rate: number } }[] };
    expect(rate.weeks).toEqual([
      expect.objectContaining({ week: '2026-W48', company: { due: 3, onTime: 1, rate: 0.333 } }),
    ]);
  });

  it('lets an admin set the company ladder and a department override, which the escalation follows', async () => {
    await importGoals(GOALS_CSV);
    const bad = await t.request('PUT', '/api/escalation-rules', { department: null, remindBeforeDays: 3, remindOnDueDay: true, managerAfterDays: 0, furtherAfterDays: null, furtherTo: 'hr', workStart: '18:00', workEnd: '09:00' });
    expect(bad.status).toBe(400);
    const put = await t.request('PUT', '/api/escalation-rules', { department: '研发中心/后端组', remindBeforeDays: 1, remindOnDueDay: true, managerAfterDays: 2, furtherAfterDays: null, furtherTo: 'hr', workStart: '09:00', workEnd: '18:00' });
    expect(put.status).toBe(200);
    const rules = (await (await t.request('GET', '/api/escalation-rules')).json()) as { company: { managerAfterDays: number }; departments: { department: string; managerAfterDays: number }[] };
    expect(rules.company.managerAfterDays).toBe(1);
    expect(rules.departments).toEqual([expect.objectContaining({ department: '研发中心/后端组', managerAfterDays: 2 })]);
    await t.tick(); // Monday: the override reminds only one working day ahead, so the back-end team hears nothing yet
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(0);
    expect(await t.botMessages('wang.fang@example.com')).toHaveLength(1);
    t.clock.set('2026-11-27T02:00:00Z'); // one working day overdue: not enough for the back-end team's override
    await t.tick();
    expect(await digestsTo('wang.fang@example.com')).toHaveLength(0);
    t.clock.set('2026-11-30T02:00:00Z'); // two working days
    await t.tick();
    expect((await digestsTo('wang.fang@example.com'))[0].text).toContain('（2 项）');
    expect(t.sql(`select action from audit_log`)).toEqual([{ action: 'ladder.set' }]);
  });
});
