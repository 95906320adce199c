/** The probe's findings in issue 9, one test each, plus what My page and My team promise. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'L1,刘组长,liu.lead@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/后端组,liu.lead@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E2,韩梅梅,han.meimei@example.com,研发中心/后端组,liu.lead@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'M2,陈销售,chen.sales@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E3,周一,zhou.yi@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,U0ZHOU,,employee',
].join('\n');

const GOALS = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'C1,,company,年度收入,chen.sales@example.com,,万元,0,1000,1,2026-10-01,2026-12-31,14',
  'D1,C1,department,研发交付,wang.fang@example.com,研发中心,个,0,10,1,2026-10-01,2026-12-31,14',
  'I1,D1,individual,李雷的任务,li.lei@example.com,研发中心/后端组,个,0,5,1,2026-10-01,2026-12-31,14',
  'I2,C1,individual,周一的销售额,zhou.yi@example.com,销售部,万元,0,100,1,2026-10-01,2026-12-31,14',
].join('\n');

describe('access regressions (issue 9)', () => {
  let t: TestApp;
  let hr: Client, manager: Client, lead: Client, li: Client, han: Client;
  const goal = (ref: string) => t.sql<{ id: number; target_value: number }>('select id, target_value from goals where ref = ?', ref)[0];

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
    t.sql(`update departments set leader_id = (select id from people where email = 'wang.fang@example.com') where path = '研发中心'`);
    expect((await t.request('POST', '/api/goals/import', GOALS, 'text/csv')).status).toBe(200);
    [hr, manager, lead, li, han] = await Promise.all(['zhao.hr', 'wang.fang', 'liu.lead', 'li.lei', 'han.meimei'].map((n) => t.signInAs(`${n}@example.com`)));
  });
  afterAll(async () => t.destroy());

  it('a manager cannot change the company goal; its department leader changes the department goal; HR changes both', async () => {
    const before = goal('C1');
    const res = await manager.json<{ error: { code: string } }>('PATCH', `/api/goals/${before.id}`, { targetValue: 1, reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(goal('C1').target_value).toBe(before.target_value);
    expect((await lead.json('PATCH', `/api/goals/${goal('D1').id}`, { targetValue: 12, reason: 'x' })).status).toBe(403); // leads no department
    expect((await manager.json('PATCH', `/api/goals/${goal('D1').id}`, { targetValue: 12, reason: 'more scope' })).status).toBe(200);
    expect((await hr.json('PATCH', `/api/goals/${before.id}`, { targetValue: 1200, reason: 'board decision' })).status).toBe(200);
    // Managers edit goals deeper in their subtree, not their own and not another team's.
    expect((await manager.json('PATCH', `/api/goals/${goal('I1').id}`, { weight: 2, reason: 'x' })).status).toBe(200);
    expect((await manager.json('PATCH', `/api/goals/${goal('I2').id}`, { weight: 2, reason: 'x' })).status).toBe(403);
    // The detail says whether the reader may adjust the goal, so the console offers the form only then.
    const canEdit = async (c: Client, ref: string) => (await c.json<{ canEdit: boolean }>('GET', `/api/goals/${goal(ref).id}`)).body.canEdit;
    expect([await canEdit(manager, 'C1'), await canEdit(manager, 'D1'), await canEdit(manager, 'I1'), await canEdit(li, 'I1'), await canEdit(hr, 'C1')]).toEqual([false, true, true, false, true]);
  });

  it('a misspelled field in a write is refused with 400, not ignored', async () => {
    const res = await hr.json<{ error: { code: string; details: { field: string; message: string }[] } }>('PATCH', `/api/goals/${goal('C1').id}`, { target_value: 1, reason: 'x' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('target_value');
  });

  it("a manager reads the subtree's progress log, never another team's, in JSON and CSV", async () => {
    await t.runJob('standup-prompt');
    for (const email of ['li.lei@example.com', 'zhou.yi@example.com']) for (const text of ['做完了 A', '无', '做 B']) await t.say(email, text).catch(() => {});
    const q = 'from=2026-01-01&to=2026-12-31';
    expect((await manager.request('GET', `/api/progress-log?${q}&email=zhou.yi@example.com`)).status).toBe(403);
    const all = await manager.json<{ entries: { email: string }[] }>('GET', `/api/progress-log?${q}`);
    const emails = new Set(all.body.entries.map((e) => e.email));
    expect(emails.has('li.lei@example.com')).toBe(true);
    expect(emails.has('zhou.yi@example.com')).toBe(false);
    const csv = await (await manager.request('GET', `/api/progress-log?${q}&format=csv`)).text();
    expect(csv).toContain('li.lei@example.com');
    expect(csv).not.toContain('zhou.yi@example.com');
    const own = await li.json<{ entries: { email: string }[] }>('GET', `/api/progress-log?${q}`);
    expect(new Set(own.body.entries.map((e) => e.email))).toEqual(new Set(['li.lei@example.com']));
  });

  it("an employee cannot read someone else's goal, and private check-in notes stay with the owner's chain and HR", async () => {
    const mine = goal('I1').id;
    expect((await li.json('POST', `/api/goals/${mine}/check-ins`, { value: 2, note: '家里有事，进度慢' })).status).toBe(201);
    expect((await han.request('GET', `/api/goals/${mine}`)).status).toBe(403);
    for (const reader of [li, lead, manager, hr]) {
      const { body } = await reader.json<{ checkIns: { note: string | null }[] }>('GET', `/api/goals/${mine}`);
      expect(body.checkIns[0].note).toBe('家里有事，进度慢');
    }
    // The department goal is readable by all, its owner's notes are not.
    expect((await manager.json('POST', `/api/goals/${goal('D1').id}/check-ins`, { value: 3, note: '私下说明' })).status).toBe(201);
    const seen = await li.json<{ checkIns: { note: string | null; notePrivate?: boolean }[] }>('GET', `/api/goals/${goal('D1').id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.checkIns[0]).toMatchObject({ note: null, notePrivate: true });
    // The tree shows company and department goals to everyone, individual goals only within reach.
    const tree = JSON.stringify((await li.json('GET', '/api/goals')).body);
    expect(tree).toContain('研发交付');
    expect(tree).not.toContain('周一的销售额');
  });

  it("the employee's chat page works: /api/people lists themselves; a manager's picker lists their subtree only", async () => {
    const own = await li.json<{ people: { email: string; platform: string }[] }>('GET', '/api/people');
    expect(own.status).toBe(200);
    expect(own.body.people.map((p) => p.email)).toEqual(['li.lei@example.com']);
    const team = await manager.json<{ people: { email: string }[] }>('GET', '/api/people?limit=200');
    expect(team.body.people.map((p) => p.email).sort()).toEqual(['han.meimei@example.com', 'li.lei@example.com', 'liu.lead@example.com', 'wang.fang@example.com']);
    for (const p of team.body.people) expect((await manager.request('GET', `/api/local/messages?employee=${p.email}`)).status).toBe(200);
    const everyone = await hr.json<{ people: { email: string; platform: string }[] }>('GET', '/api/people?limit=200');
    expect(everyone.body.people.find((p) => p.email === 'zhou.yi@example.com')!.platform).toBe('slack');
  });

  it('HR cannot type for someone on Slack/WeCom; for a local-chat person the answer records who typed it', async () => {
    const before = t.sql<{ n: number }>('select count(*) as n from local_messages')[0].n;
    const slack = await hr.json<{ error: { code: string } }>('POST', '/api/local/messages', { employee: 'zhou.yi@example.com', text: '替他回答' });
    expect(slack.status).toBe(403);
    expect(slack.body.error.code).toBe('read_only');
    expect(t.sql<{ n: number }>('select count(*) as n from local_messages')[0].n).toBe(before);
    expect((await hr.json<{ canSpeak: boolean }>('GET', '/api/local/messages?employee=zhou.yi@example.com')).body.canSpeak).toBe(false);
    // A manager may read a report's chat, not speak in it.
    expect((await manager.json('POST', '/api/local/messages', { employee: 'han.meimei@example.com', text: 'x' })).status).toBe(403);

    expect((await hr.json<{ canSpeak: boolean }>('GET', '/api/local/messages?employee=han.meimei@example.com')).body.canSpeak).toBe(true);
    for (const text of ['HR 代填：完成 C', '无', '做 D']) expect((await hr.json('POST', '/api/local/messages', { employee: 'han.meimei@example.com', text })).status).toBe(200);
    const msgs = await hr.json<{ messages: { from: string; text: string; typedBy: string | null }[] }>('GET', '/api/local/messages?employee=han.meimei@example.com');
    expect(msgs.body.messages.find((m) => m.text === 'HR 代填：完成 C')!.typedBy).toBe('zhao.hr@example.com');
    const log = await lead.json<{ entries: { email: string; answers: { answer: string; enteredBy: string | null }[] }[] }>('GET', '/api/progress-log?from=2026-01-01&to=2026-12-31&email=han.meimei@example.com');
    expect(log.body.entries[0].answers[0]).toMatchObject({ answer: 'HR 代填：完成 C', enteredBy: 'zhao.hr@example.com' });
    const csv = await (await lead.request('GET', '/api/progress-log?from=2026-01-01&to=2026-12-31&email=han.meimei@example.com&format=csv')).text();
    expect(csv).toContain('zhao.hr@example.com');
  });

  it("a client's message id is a duplicate only for the same person", async () => {
    const a = await li.json<{ duplicate: boolean }>('POST', '/api/local/messages', { employee: 'li.lei@example.com', text: 'help', id: 'same-id' });
    const b = await han.json<{ duplicate: boolean }>('POST', '/api/local/messages', { employee: 'han.meimei@example.com', text: 'help', id: 'same-id' });
    const again = await li.json<{ duplicate: boolean }>('POST', '/api/local/messages', { employee: 'li.lei@example.com', text: 'help', id: 'same-id' });
    expect([a.body.duplicate, b.body.duplicate, again.body.duplicate]).toEqual([false, false, true]);
  });
});

describe('My page and My team', () => {
  let t: TestApp;
  let lead: Client, li: Client, han: Client;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.importPeople(ORG);
    [lead, li, han] = await Promise.all(['liu.lead', 'li.lei', 'han.meimei'].map((n) => t.signInAs(`${n}@example.com`)));
  });
  afterAll(async () => t.destroy());

  it('answers and edits the standup on My page, with the rules of chat', async () => {
    expect((await li.json('GET', '/api/me/standup')).body).toEqual({ standup: null });
    expect((await li.json('PUT', '/api/me/standup', { answers: ['x'] })).status).toBe(404);
    await t.runJob('standup-prompt');
    const asked = await li.json<{ standup: { open: boolean; questions: { text: string; blocker: boolean }[]; answers: unknown[] } }>('GET', '/api/me/standup');
    expect(asked.body.standup.open).toBe(true);
    expect(asked.body.standup.questions.map((q) => q.blocker)).toEqual([false, true, false]);
    expect(asked.body.standup.answers).toEqual([null, null, null]);
    expect((await li.json('PUT', '/api/me/standup', { answers: [null, '', ' '] })).status).toBe(400);
    const saved = await li.json<{ standup: { completed: boolean; answers: { text: string | null }[] } }>('PUT', '/api/me/standup', { answers: ['完成登录页', '等待接口评审', '联调'] });
    expect(saved.status).toBe(200);
    expect(saved.body.standup.completed).toBe(true);
    expect(saved.body.standup.answers.map((a) => a.text)).toEqual(['完成登录页', '等待接口评审', '联调']);
    expect(t.sql<{ n: number }>(`select count(*) as n from points_ledger l join people p on p.id = l.person_id where p.email = 'li.lei@example.com'`)[0].n).toBe(1);
    // The blocker reached the manager at once, as it does from chat.
    expect((await t.botMessages('liu.lead@example.com')).some((m) => m.text.includes('等待接口评审'))).toBe(true);
    const points = await li.json<{ balance: number; score: number }>('GET', '/api/me/points');
    expect(points.body).toMatchObject({ balance: 1, score: 1 });
  });

  it("shows the manager the team's week and nudges once a day", async () => {
    const week = await lead.json<{ members: { email: string; status: string; nudgedToday: boolean; personId: number }[]; blockers: { text: string }[] }>('GET', '/api/team/week');
    expect(week.status).toBe(200);
    const byEmail = Object.fromEntries(week.body.members.map((m) => [m.email, m]));
    expect(Object.keys(byEmail).sort()).toEqual(['han.meimei@example.com', 'li.lei@example.com']);
    expect(byEmail['li.lei@example.com'].status).toBe('answered');
    expect(byEmail['han.meimei@example.com'].status).toBe('missing');
    expect(week.body.blockers.map((b) => b.text)).toEqual(['等待接口评审']);

    const hanId = byEmail['han.meimei@example.com'].personId;
    const before = (await t.botMessages('han.meimei@example.com')).length;
    expect(await lead.json('POST', '/api/team/nudge', { personId: hanId })).toEqual({ status: 202, body: { sent: true } });
    const after = await t.botMessages('han.meimei@example.com');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.text).toContain('刘组长');
    const again = await lead.json<{ error: { code: string } }>('POST', '/api/team/nudge', { personId: hanId });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_nudged']);
    expect((await lead.json<{ members: { email: string; nudgedToday: boolean }[] }>('GET', '/api/team/week')).body.members.find((m) => m.email === 'han.meimei@example.com')!.nudgedToday).toBe(true);
    expect((await han.json('POST', '/api/team/nudge', { personId: hanId })).status).toBe(403);
    // The next day the same person may be nudged again.
    t.clock.advance(24 * 3600_000);
    expect((await lead.json('POST', '/api/team/nudge', { personId: hanId })).status).toBe(202);
  });
});
