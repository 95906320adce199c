import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE_HEADER, TEAM_CSV, TestApp } from '../support/harness';

const ORG = `${TEAM_CSV}\nA1,管理员,admin@example.com,总部,,general,Asia/Shanghai,zh-CN,,,admin`;
const NEW_QUESTIONS = [
  { 'zh-CN': '本周最重要的成果是什么？', en: 'What was your most important result this week?' },
  { 'zh-CN': '有什么阻碍需要帮助？', en: 'What is blocking you?', blocker: true },
];

type Settings = { standup: { questions: { 'zh-CN': string; en: string; blocker?: boolean }[]; promptTime: string; weekday: number }; version: number; pilot: { departments: string[] | null } };
type Problem = { field: string; code: string; message: string; params?: Record<string, unknown> };

describe('settings in the database, edited by the admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
  });
  afterEach(async () => t.destroy());

  const settings = async () => (await (await t.request('GET', '/api/settings')).json()) as Settings;
  const patch = (body: unknown) => t.request('PATCH', '/api/settings', body);
  const deliveriesTo = (email: string) =>
    t.sql<{ dedupe_key: string; payload: string }>(`select d.dedupe_key, d.payload from deliveries d join people p on p.id = d.person_id where p.email = ? order by d.id`, email);

  it('starts from the environment, refuses a bad change listing every problem (nothing changed), and audits a good one', async () => {
    const start = await settings();
    expect(start.standup.questions.map((q) => q['zh-CN'])).toEqual(['本周完成了什么？', '遇到哪些障碍？', '下周计划做什么？']);
    expect(start.standup).toMatchObject({ weekday: 5, promptTime: '16:00' });

    const bad = await patch({
      standup: { promptTime: '25:00', questions: [{ 'zh-CN': '', en: 'x', blocker: true }, { 'zh-CN': '甲', en: 'y', blocker: true }] },
      points: { standupOnTime: -1 },
      leaderboard: { topPercent: 0 },
      pilot: { departments: ['不存在的部门'] },
      colour: 'blue',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: Problem[] } };
    expect(body.error.code).toBe('invalid_settings');
    const fields = body.error.details.map((p) => `${p.field}:${p.code}`);
    expect(fields).toEqual(expect.arrayContaining(['standup.promptTime:time', 'standup.questions.0.zh-CN:too_small', 'standup.questions:one_blocker', 'points.standupOnTime:too_small', 'leaderboard.topPercent:too_small', ':unrecognized_keys']));
    const unknownDept = await patch({ pilot: { departments: ['不存在的部门'] } });
    expect(((await unknownDept.json()) as { error: { details: Problem[] } }).error.details).toEqual([
      { field: 'pilot.departments.0', code: 'unknown_department', message: 'There is no department "不存在的部门".', params: { path: '不存在的部门' } },
    ]);
    expect((await settings()).version).toBe(start.version);
    expect(t.sql(`select * from audit_log where entity = 'settings'`)).toEqual([]);

    const ok = await patch({ standup: { questions: NEW_QUESTIONS, promptTime: '15:30' }, points: { standupOnTime: 3 } });
    expect(ok.status).toBe(200);
    const next = (await ok.json()) as Settings;
    expect(next.standup).toMatchObject({ questions: NEW_QUESTIONS, promptTime: '15:30', weekday: 5 });
    expect(next.version).toBe(start.version + 1);
    const audit = t.sql<{ action: string; actor: string; before: string; after: string }>(`select action, actor, before, after from audit_log where entity = 'settings' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['settings.standup', 'settings.points']);
    expect(audit[0].actor).toMatch(/^account:\d+$/);
    expect(JSON.parse(audit[1].before)).toEqual({ points: { standupOnTime: 1, checkinOnTime: 1, developmentCheckin: 5 } });
    expect(JSON.parse(audit[1].after)).toEqual({ points: { standupOnTime: 3, checkinOnTime: 1, developmentCheckin: 5 } });
    // The same values again change nothing and audit nothing.
    expect((await patch({ points: { standupOnTime: 3 } })).status).toBe(200);
    expect(t.sql(`select count(*) as n from audit_log where entity = 'settings'`)).toEqual([{ n: 2 }]);

    // Applied without a restart: the next round asks the new questions, and the new points are earned.
    expect(await t.runJob('standup-prompt')).toMatchObject({ asked: 5 });
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('问题 1/2：本周最重要的成果是什么？');
    expect((await t.botMessages('kevin.li@example.com')).at(-1)!.text).toContain('Question 1/2: What was your most important result this week?');
    await t.say('li.lei@example.com', '上线了新版本');
    await t.say('li.lei@example.com', '无');
    expect(t.sql(`select amount from points_ledger`)).toEqual([{ amount: 3 }]);
  });

  it('gives a department its own standup: its questions, its day, and on/off', async () => {
    // The team's own list puts its blocker question first (the company's is second).
    const TEAM_QUESTIONS = [NEW_QUESTIONS[1], NEW_QUESTIONS[0]];
    const res = await patch({ standupOverrides: [{ department: '研发中心/后端组', questions: TEAM_QUESTIONS, weekday: 4, promptTime: '10:00' }] });
    expect(res.status).toBe(200);
    // Thursday 26 Nov 10:01 in Shanghai: the team's standup is due, the company's (Friday) is not.
    t.clock.set('2026-11-26T02:01:00Z');
    await t.tick();
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('问题 1/2：有什么阻碍需要帮助？');
    expect(deliveriesTo('wang.fang@example.com')).toEqual([]);
    // Friday 16:01: the company's standup asks 王芳 the company's questions in the same round.
    t.clock.set('2026-11-27T08:01:00Z');
    await t.tick();
    expect((await t.botMessages('wang.fang@example.com')).at(-1)!.text).toContain('问题 1/3：本周完成了什么？');
    expect(t.sql(`select count(*) as n from standup_rounds`)).toEqual([{ n: 1 }]);
    // Her digest shows each person's answers under the questions they were asked.
    await t.say('li.lei@example.com', '数据库迁移卡住了');
    await t.say('li.lei@example.com', '上线了新版本');
    // My team's blockers read the blocker question of what each person was asked.
    const week = (await (await t.request('GET', '/api/team/week')).json()) as { blockers: { name: string; text: string }[] };
    expect(week.blockers).toEqual([expect.objectContaining({ name: '李雷', text: '数据库迁移卡住了' })]);
    expect(await t.runJob('standup-close')).toMatchObject({ digests: 1 });
    const digest = (await t.botMessages('wang.fang@example.com')).at(-1)!.text;
    expect(digest).toContain('本周最重要的成果是什么？ 上线了新版本');
    // The blocker question of the team's own list alerted the manager at once.
    expect((await t.botMessages('wang.fang@example.com')).some((m) => m.text.includes('数据库迁移卡住了'))).toBe(true);

    // Switched off for the team: next week nobody there is asked, the company still is.
    expect((await patch({ standupOverrides: [{ department: '研发中心/后端组', enabled: false }] })).status).toBe(200);
    t.clock.set('2026-12-04T08:01:00Z');
    await t.tick();
    const week49 = t.sql<{ email: string }>(`select p.email from standup_requests r join standup_rounds d on d.id = r.round_id join people p on p.id = r.person_id where d.period_key = '2026-W49' order by p.email`);
    expect(week49.map((r) => r.email)).toEqual(['admin@example.com', 'wang.fang@example.com']);
  });

  it('runs the rhythm only for the pilot: a person outside gets nothing from any job until the scope widens', async () => {
    const goals = [
      'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
      'W,,individual,王芳的目标,wang.fang@example.com,研发中心,%,0,100,1,2026-10-01,2026-12-31,14',
      'L,,individual,李雷的目标,li.lei@example.com,研发中心/后端组,%,0,100,1,2026-10-01,2026-12-31,14',
      'H,,individual,韩梅梅的目标,han.meimei@example.com,研发中心/后端组,%,0,100,1,2026-10-01,2026-12-31,14',
    ].join('\n');
    t.clock.set('2026-11-01T02:00:00Z');
    expect((await t.request('POST', '/api/goals/import', goals, 'text/csv')).status).toBe(200);
    expect((await patch({ pilot: { departments: ['研发中心/后端组'] } })).status).toBe(200);

    // Monday 23 Nov, 10:00 in Shanghai: the 12 Nov checkpoints are overdue (their manager 王芳 would hear), the
    // 26 Nov ones three working days ahead.
    t.clock.set('2026-11-23T02:00:00Z');
    const wang = await t.signInAs('wang.fang@example.com');
    const li = await t.signInAs('li.lei@example.com');
    for (const job of ['standup-prompt', 'standup-reminder', 'checkin-reminder', 'overdue-escalation']) await t.runJob(job);
    const goalId = (ref: string) => t.sql<{ id: number }>(`select id from goals where ref = ?`, ref)[0].id;
    const checkIn = async (who: typeof li, ref: string, value: number) =>
      (await (await who.request('POST', `/api/goals/${goalId(ref)}/check-ins`, { value })).json()) as { onTime: boolean; pointAwarded: number };
    // The late 12 Nov checkpoint first, then the 26 Nov one on time: a point inside the pilot, none outside.
    expect(await checkIn(wang, 'W', 30)).toMatchObject({ onTime: false, pointAwarded: 0 });
    expect(await checkIn(wang, 'W', 50)).toMatchObject({ onTime: true, pointAwarded: 0 });
    expect(await checkIn(li, 'L', 30)).toMatchObject({ onTime: false, pointAwarded: 0 });
    expect(await checkIn(li, 'L', 40)).toMatchObject({ onTime: true, pointAwarded: 1 });
    for (const job of ['standup-close', 'leaderboard-monthly', 'review-open']) await t.runJob(job);

    const keys = (email: string) => deliveriesTo(email).map((d) => d.dedupe_key.split(':')[0]);
    expect(keys('wang.fang@example.com').filter((k) => k !== 'login-link')).toEqual([]);
    expect(keys('admin@example.com')).toEqual([]);
    expect(keys('li.lei@example.com')).toEqual(expect.arrayContaining(['standup-prompt', 'standup-reminder', 'checkin-reminder', 'leaderboard']));
    expect(t.sql(`select p.email from points_ledger l join people p on p.id = l.person_id`)).toEqual([{ email: 'li.lei@example.com' }]);
    expect(t.sql(`select name from leaderboard_snapshot_entries order by snapshot_id, pos`)).toEqual([{ name: '李雷' }]);

    // Widening is one change, audited; the next run asks 王芳 too.
    expect((await patch({ pilot: { departments: null } })).status).toBe(200);
    const widened = t.sql<{ before: string; after: string }>(`select before, after from audit_log where action = 'settings.pilot' order by id`);
    expect(widened.map((w) => JSON.parse(w.after))).toEqual([{ pilot: { departments: ['研发中心/后端组'] } }, { pilot: { departments: null } }]);
    await t.runJob('overdue-escalation');
    t.clock.set('2026-11-30T08:00:00Z'); // this week's round is closed: next week's
    await t.runJob('standup-prompt');
    // 韩梅梅's overdue checkpoint now reaches her manager, and 王芳 is asked for her standup.
    expect(keys('wang.fang@example.com')).toEqual(expect.arrayContaining(['standup-prompt', 'overdue-digest']));
  });

  it('counts who a run would message without sending, and sends a test to the caller alone', async () => {
    expect((await patch({ standup: { questions: NEW_QUESTIONS } })).status).toBe(200);
    const dry = await t.request('POST', '/api/jobs/standup-prompt/run?dryRun=1');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ job: 'standup-prompt', wouldMessage: 5, channels: 0 });
    expect(t.sql(`select count(*) as n from deliveries`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from standup_rounds`)).toEqual([{ n: 0 }]);

    const test = await t.request('POST', '/api/jobs/standup-prompt/run', { testOnly: true });
    expect(test.status).toBe(200);
    expect(await test.json()).toEqual({ job: 'standup-prompt', test: true, result: { sent: 1 } });
    expect(t.sql(`select p.email from deliveries d join people p on p.id = d.person_id`)).toEqual([{ email: 'admin@example.com' }]);
    expect(t.sql(`select count(*) as n from standup_rounds`)).toEqual([{ n: 0 }]);
    const mine = (await t.botMessages('admin@example.com')).at(-1)!.text;
    expect(mine).toContain('【测试');
    expect(mine).toContain('1. 本周最重要的成果是什么？');
    expect(mine).toContain('2. 有什么阻碍需要帮助？ （障碍问题');

    // The digest test is the caller's own team's; a job without a test message says so.
    expect((await t.request('POST', '/api/jobs/leaderboard-monthly/run', { testOnly: true })).status).toBe(400);
    expect((await t.request('POST', '/api/jobs/standup-prompt/run', { testOnly: 'yes' })).status).toBe(400);

    // The real run messages exactly the counted people.
    expect(await t.runJob('standup-prompt')).toMatchObject({ asked: 5 });
    const dryReminder = (await (await t.request('POST', '/api/jobs/standup-reminder/run?dryRun=1')).json()) as { wouldMessage: number };
    expect(dryReminder.wouldMessage).toBe(5);
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'standup-reminder:%'`)).toEqual([{ n: 0 }]);

    // A check-in reminder test shows me my own goal as a run now would remind me, and claims no reminder step.
    const goals = [
      'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
      'A,,individual,管理员的目标,admin@example.com,总部,%,0,100,1,2026-10-01,2026-12-31,14',
      'L,,individual,李雷的目标,li.lei@example.com,研发中心/后端组,%,0,100,1,2026-10-01,2026-12-31,14',
    ].join('\n');
    expect((await t.request('POST', '/api/goals/import', goals, 'text/csv')).status).toBe(200);
    t.clock.set('2026-11-23T02:00:00Z');
    expect(await (await t.request('POST', '/api/jobs/checkin-reminder/run', { testOnly: true })).json()).toEqual({ job: 'checkin-reminder', test: true, result: { sent: 1 } });
    expect((await t.botMessages('admin@example.com')).at(-1)!.text).toMatch(/^【测试[^\n]*\n[\s\S]*管理员的目标/);
    expect(t.sql(`select count(*) as n from escalation_steps`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'checkin-reminder:%'`)).toEqual([{ n: 0 }]);
    // Nothing of mine is overdue: the test says a run would send me nothing.
    await t.request('POST', '/api/jobs/overdue-escalation/run', { testOnly: true });
    expect((await t.botMessages('admin@example.com')).at(-1)!.text).toContain('不会给你发任何消息');

  });
});

export { PEOPLE_HEADER };
