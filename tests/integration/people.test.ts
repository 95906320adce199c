import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../bot/services/audit';
import { type Client, PEOPLE_HEADER, TestApp } from '../support/harness';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M0,陈总,chen.ceo@example.com,总经办,,management,Asia/Shanghai,zh-CN,,,manager',
  'M1,王芳,wang.fang@example.com,研发中心,chen.ceo@example.com,rnd,Asia/Shanghai,zh-CN,,wangfang,manager',
  'M2,孙组长,sun.lead@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/后端组,sun.lead@example.com,rnd,Asia/Shanghai,zh-CN,U0LILEI,,employee',
  'E2,韩梅梅,han.meimei@example.com,研发中心/后端组,sun.lead@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E3,Kevin Li,kevin.li@example.com,研发中心/前端组,wang.fang@example.com,rnd,America/Los_Angeles,en,,,employee',
  'S1,周一,zhou.yi@example.com,销售部,chen.ceo@example.com,sales,Asia/Shanghai,zh-CN,,zhouyi,employee',
].join('\n');

type Summary = { id: number; name: string; email: string; department: string; role: string; platform: string; active: boolean; manager: { id: number; name: string } | null; reports: number };

describe('people: list, person page, edit, deactivate', () => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let lead: Client;
  let employee: Client;
  const id = (email: string) => t.sql<{ id: number }>('select id from people where email = ?', email)[0].id;
  const emails = (people: Summary[]) => people.map((p) => p.email);

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
    hr = await t.signInAs('zhao.hr@example.com');
    manager = await t.signInAs('wang.fang@example.com');
    lead = await t.signInAs('sun.lead@example.com');
    employee = await t.signInAs('li.lei@example.com');
  });
  afterAll(async () => t.destroy());

  it('lists people in the reader’s scope: a manager their subtree, an employee themself, HR everyone', async () => {
    const list = async (c: Client, query = '') => (await c.json<{ people: Summary[]; total: number }>('GET', `/api/people${query}`)).body;
    expect(emails((await list(manager)).people).sort()).toEqual(['han.meimei@example.com', 'kevin.li@example.com', 'li.lei@example.com', 'sun.lead@example.com', 'wang.fang@example.com']);
    expect(emails((await list(lead)).people).sort()).toEqual(['han.meimei@example.com', 'li.lei@example.com', 'sun.lead@example.com']);
    expect(emails((await list(employee)).people)).toEqual(['li.lei@example.com']);
    const all = await list(hr);
    expect(all.total).toBe(8);
    const li = all.people.find((p) => p.email === 'li.lei@example.com')!;
    expect(li).toMatchObject({ department: '研发中心/后端组', role: 'employee', platform: 'slack', active: true, manager: { name: '孙组长' }, reports: 0 });
    expect(all.people.find((p) => p.email === 'wang.fang@example.com')).toMatchObject({ platform: 'wecom', reports: 2 });
    // a filter never widens the scope: the manager asking for sales sees nobody
    expect((await list(manager, '?department=销售部')).people).toEqual([]);
  });

  it('filters by search, department subtree, role, manager, platform and status, and pages', async () => {
    const list = async (query: string) => (await hr.json<{ people: Summary[]; total: number }>('GET', `/api/people?${query}`)).body;
    expect(emails((await list('department=研发中心')).people).sort()).toEqual(['han.meimei@example.com', 'kevin.li@example.com', 'li.lei@example.com', 'sun.lead@example.com', 'wang.fang@example.com']);
    expect(emails((await list('department=研发中心/后端组&role=employee')).people).sort()).toEqual(['han.meimei@example.com', 'li.lei@example.com']);
    expect(emails((await list(`manager=${id('wang.fang@example.com')}`)).people).sort()).toEqual(['kevin.li@example.com', 'sun.lead@example.com']);
    expect(emails((await list('platform=wecom')).people).sort()).toEqual(['wang.fang@example.com', 'zhou.yi@example.com']);
    expect(emails((await list('platform=slack')).people)).toEqual(['li.lei@example.com']);
    expect(emails((await list('q=kevin')).people)).toEqual(['kevin.li@example.com']);
    const first = await list('limit=3&offset=0');
    const second = await list('limit=3&offset=3');
    expect(first.total).toBe(8);
    expect(first.people).toHaveLength(3);
    expect(emails(second.people).filter((e) => emails(first.people).includes(e))).toEqual([]);
    expect((await hr.request('GET', '/api/people?status=gone')).status).toBe(400);
    expect((await hr.request('GET', '/api/people?unknown=1')).status).toBe(400);
  });

  it('shows a person page to the person, their manager chain and HR, not to others', async () => {
    const li = id('li.lei@example.com');
    t.sql(`insert into leaves (person_id, start_date, end_date, reason) values (?, '2026-11-23', '2026-11-24', '年假')`, li);
    t.sql(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, 5, 'adjustment', '测试', 'test:li', '2026-11', '2026-11-19T00:00:00Z')`, li);
    const page = await manager.json<{
      person: { email: string; department: string; platform: string; active: boolean };
      managerChain: { email: string }[];
      identities: { platform: string; externalId: string }[];
      leave: { startDate: string }[];
      points: { balance: number; monthScore: number; month: string };
      goals: unknown[];
      log: unknown[];
      reviews: unknown[];
      canEdit: boolean;
    }>('GET', `/api/people/${li}`);
    expect(page.status).toBe(200);
    expect(page.body.person).toMatchObject({ email: 'li.lei@example.com', department: '研发中心/后端组', platform: 'slack', active: true });
    expect(page.body.managerChain.map((m) => m.email)).toEqual(['sun.lead@example.com', 'wang.fang@example.com', 'chen.ceo@example.com']);
    expect(page.body.identities).toEqual([{ platform: 'slack', externalId: 'U0LILEI' }]);
    expect(page.body.leave.map((l) => l.startDate)).toEqual(['2026-11-23']);
    expect(page.body.points).toMatchObject({ balance: 5, monthScore: 5, month: '2026-11' });
    expect(page.body.canEdit).toBe(false);
    expect((await hr.json<{ canEdit: boolean }>('GET', `/api/people/${li}`)).body.canEdit).toBe(true);
    expect((await employee.request('GET', `/api/people/${li}`)).status).toBe(200);
    expect((await employee.request('GET', `/api/people/${id('han.meimei@example.com')}`)).status).toBe(403);
    expect((await lead.request('GET', `/api/people/${id('kevin.li@example.com')}`)).status).toBe(403);
    expect((await hr.request('GET', '/api/people/99999')).status).toBe(404);
  });

  it('edits a person (HR), audited with before and after; refuses bad values listing the field, changing nothing', async () => {
    const han = id('han.meimei@example.com');
    const res = await hr.json<{ changed: string[] }>('PATCH', `/api/people/${han}`, { name: '韩梅', department: '研发中心/前端组', managerEmail: 'wang.fang@example.com', locale: 'en', reason: '转岗' });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual(['department', 'locale', 'managerEmail', 'name']);
    expect(t.sql(`select p.name, d.path, m.email as manager, p.locale from people p join departments d on d.id = p.department_id join people m on m.id = p.manager_id where p.id = ?`, han)).toEqual([
      { name: '韩梅', path: '研发中心/前端组', manager: 'wang.fang@example.com', locale: 'en' },
    ]);
    const audit = t.sql<{ action: string; before: string; after: string; reason: string; actor: string }>(`select action, before, after, reason, actor from audit_log where entity = 'person' and entity_id = ?`, String(han));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'person.update', reason: '转岗' });
    expect(JSON.parse(audit[0].before)).toMatchObject({ name: '韩梅梅', department: '研发中心/后端组', managerEmail: 'sun.lead@example.com', locale: 'zh-CN' });
    expect(JSON.parse(audit[0].after)).toMatchObject({ name: '韩梅', department: '研发中心/前端组', managerEmail: 'wang.fang@example.com', locale: 'en' });

    const before = t.sql('select * from people order by id');
    const loop = await hr.json<{ error: { code: string; details: { field: string }[] } }>('PATCH', `/api/people/${id('wang.fang@example.com')}`, { managerEmail: 'li.lei@example.com' });
    expect(loop.status).toBe(400);
    expect(loop.body.error.code).toBe('manager_loop');
    const taken = await hr.json<{ error: { code: string } }>('PATCH', `/api/people/${han}`, { slackUserId: 'U0LILEI' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'identity_taken']);
    const bad = await hr.json<{ error: { code: string; details: { field: string }[] } }>('PATCH', `/api/people/${han}`, { timezone: 'Mars/Olympus', locale: 'fr', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field).sort()).toEqual(['', 'locale', 'timezone']);
    expect(t.sql('select * from people order by id')).toEqual(before);
    // HR may not make someone admin
    expect((await hr.request('PATCH', `/api/people/${han}`, { role: 'admin' })).status).toBe(403);
    // an admin may
    expect((await t.request('PATCH', `/api/people/${han}`, { role: 'hr' })).status).toBe(200);
    expect((await manager.request('PATCH', `/api/people/${han}`, { name: 'x' })).status).toBe(403);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('deactivates a person: history kept, open standups excused, no more prompts, reports move up, sessions end; audited', async () => {
    await t.runJob('standup-prompt');
    const sun = id('sun.lead@example.com');
    const li = id('li.lei@example.com');
    expect((await hr.request('POST', `/api/people/${sun}/deactivate`, {})).status).toBe(400); // a reason is required
    expect((await manager.request('POST', `/api/people/${sun}/deactivate`, { reason: 'x' })).status).toBe(403);
    const res = await hr.json<{ reportsMoved: string[]; standupsExcused: number }>('POST', `/api/people/${sun}/deactivate`, { reason: '离职' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reportsMoved: ['li.lei@example.com'], standupsExcused: 1 });
    expect(t.sql('select active from people where id = ?', sun)).toEqual([{ active: 0 }]);
    expect(t.sql('select m.email from people p join people m on m.id = p.manager_id where p.id = ?', li)).toEqual([{ email: 'wang.fang@example.com' }]);
    // the session of the deactivated person is over
    expect((await lead.request('GET', '/api/auth/me')).status).toBe(401);
    // no reminder for the excused request
    const reminded = await t.runJob('standup-reminder');
    expect(t.sql(`select count(*) as n from deliveries where person_id = ? and dedupe_key like 'standup-reminder:%'`, sun)).toEqual([{ n: 0 }]);
    expect(reminded).toBeDefined();
    // history stays readable, the list shows them as inactive
    expect((await hr.json<{ person: { active: boolean } }>('GET', `/api/people/${sun}`)).body.person.active).toBe(false);
    expect(emails((await hr.json<{ people: Summary[] }>('GET', '/api/people?status=inactive')).body.people)).toEqual(['sun.lead@example.com']);
    const audit = t.sql<{ action: string; reason: string }>(`select action, reason from audit_log where entity = 'person' and entity_id = ? order by id`, String(sun));
    expect(audit).toEqual([{ action: 'person.deactivate', reason: '离职' }]);
    expect((await hr.json<{ error: { code: string } }>('POST', `/api/people/${sun}/deactivate`, { reason: 'again' })).body.error.code).toBe('already_inactive');
    expect((await hr.json<{ error: { code: string } }>('POST', `/api/people/${id('zhao.hr@example.com')}/deactivate`, { reason: 'me' })).body.error.code).toBe('own_account');

    // reactivated by an edit, audited as such
    expect((await hr.request('PATCH', `/api/people/${sun}`, { active: true, reason: '返聘' })).status).toBe(200);
    expect(t.sql(`select action from audit_log where entity = 'person' and entity_id = ? order by id`, String(sun))).toEqual([{ action: 'person.deactivate' }, { action: 'person.reactivate' }]);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('draws the org chart of what the reader sees', async () => {
    const chart = (await manager.json<{ nodes: { id: number; name: string; managerId: number | null }[] }>('GET', '/api/people/org-chart')).body.nodes;
    const roots = chart.filter((n) => n.managerId === null).map((n) => n.name);
    expect(roots).toEqual(['王芳']);
    expect(chart.length).toBeGreaterThan(2);
    const all = (await hr.json<{ nodes: { managerId: number | null; name: string }[] }>('GET', '/api/people/org-chart')).body.nodes;
    expect(all.filter((n) => n.managerId === null).map((n) => n.name).sort()).toEqual(['赵人事', '陈总'].sort());
  });
});
