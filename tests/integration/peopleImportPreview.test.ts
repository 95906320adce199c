import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../bot/services/audit';
import { PEOPLE_HEADER, TEAM_CSV, TestApp } from '../support/harness';

type Preview = {
  counts: { rows: number; creates: number; updates: number; unchanged: number; deactivations: number; errors: number };
  creates: { line: number; email: string; department: string; managerEmail: string | null }[];
  updates: { line: number; email: string; changes: Record<string, [unknown, unknown]> }[];
  deactivations: { email: string }[];
  errors: { line: number; field?: string; message: string }[];
  planId: string | null;
};

/** The next file: 李雷 moves team and gets a Slack id, 韩梅梅 unchanged, Kevin Li left (not in the file), two new people. */
const NEXT = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,研发中心/前端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,U0LILEI,,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E5,张三,zhang.san@example.com,销售部,wang.fang@example.com,sales,,,,,',
  'E6,李四,li.si@example.com,销售部,zhang.san@example.com,sales,Asia/Shanghai,zh-CN,,lisi,employee',
].join('\n');

describe('people import preview', () => {
  let t: TestApp;
  const snapshot = () => ({
    people: t.sql('select * from people order by id'),
    identities: t.sql('select * from identities order by id'),
    departments: t.sql('select * from departments order by id'),
    audit: t.sql('select count(*) as n from audit_log'),
  });

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  });
  afterAll(async () => t.destroy());

  const preview = async (csv: string, query = '') => {
    const res = await t.request('POST', `/api/people/import?preview=1${query}`, csv, 'text/csv');
    return { status: res.status, body: (await res.json()) as Preview };
  };

  it('shows creates, updates (field by field), deactivations and what stays, writing nothing', async () => {
    const before = snapshot();
    const { status, body } = await preview(NEXT, '&deactivateMissing=1');
    expect(status).toBe(200);
    expect(body.counts).toEqual({ rows: 5, creates: 2, updates: 1, unchanged: 2, deactivations: 1, errors: 0 });
    expect(body.creates).toEqual([
      { line: 5, email: 'zhang.san@example.com', name: '张三', department: '销售部', managerEmail: 'wang.fang@example.com' },
      { line: 6, email: 'li.si@example.com', name: '李四', department: '销售部', managerEmail: 'zhang.san@example.com' },
    ]);
    expect(body.updates).toEqual([
      { line: 3, email: 'li.lei@example.com', name: '李雷', changes: { department: ['研发中心/后端组', '研发中心/前端组'], slackUserId: [null, 'U0LILEI'] } },
    ]);
    expect(body.deactivations).toEqual([{ email: 'kevin.li@example.com', name: 'Kevin Li', department: '研发中心/后端组' }]);
    expect(body.errors).toEqual([]);
    expect(body.planId).toMatch(/^[0-9a-f]{32}$/);
    expect(snapshot()).toEqual(before);

    // Without deactivateMissing, Kevin Li stays: nobody is deactivated.
    expect((await preview(NEXT)).body.counts.deactivations).toBe(0);
  });

  it('lists every error with the rest of the plan, and no planId to confirm', async () => {
    const before = snapshot();
    const csv = [
      NEXT,
      'E7,坏邮箱,not-an-email,销售部,,sales,,,,,',
      'E8,重复,li.si@example.com,销售部,,sales,,,,,',
      'E9,无名经理,wu.ming@example.com,销售部,nobody@example.com,sales,,,,,',
      'E10,占用,zhao@example.com,销售部,,sales,,,U0LILEI,,',
    ].join('\n');
    const { status, body } = await preview(csv, '&deactivateMissing=1');
    expect(status).toBe(200);
    expect(body.planId).toBeNull();
    expect(body.errors.map((e) => [e.line, e.field])).toEqual([[7, 'email'], [8, 'email'], [9, 'manager_email'], [10, 'slack_user_id']]);
    expect(body.counts).toMatchObject({ rows: 9, errors: 4 });
    expect(body.creates.map((c) => c.email)).toContain('wu.ming@example.com');
    expect(snapshot()).toEqual(before);
    // the import itself refuses the same file, writing nothing
    expect((await t.request('POST', '/api/people/import?deactivateMissing=1', csv, 'text/csv')).status).toBe(422);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to deactivate a manager someone in the file still reports to', async () => {
    const csv = [PEOPLE_HEADER, 'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee'].join('\n');
    const { body } = await preview(csv, '&deactivateMissing=1');
    expect(body.errors).toEqual([{ line: 2, field: 'manager_email', message: 'manager_email "wang.fang@example.com" is not in this file and would be deactivated' }]);
  });

  it('confirms with the planId: writes exactly the plan, deactivates, audits; a stale plan is refused', async () => {
    const { body } = await preview(NEXT, '&deactivateMissing=1');
    // The directory moves on between preview and confirm: the old plan no longer holds.
    expect((await t.importPeople([PEOPLE_HEADER, 'E9,新人,new.one@example.com,销售部,,sales,,,,,'].join('\n'))).status).toBe(200);
    const before = snapshot();
    const stale = await t.request('POST', `/api/people/import?deactivateMissing=1&confirm=${body.planId}`, NEXT, 'text/csv');
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('plan_changed');
    expect(snapshot()).toEqual(before);

    const fresh = (await preview(NEXT, '&deactivateMissing=1')).body;
    expect(fresh.deactivations.map((d) => d.email).sort()).toEqual(['kevin.li@example.com', 'new.one@example.com']);
    const res = await t.request('POST', `/api/people/import?deactivateMissing=1&confirm=${fresh.planId}`, NEXT, 'text/csv');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 2, updated: 3, total: 5, deactivated: 2 });
    expect(t.sql(`select email from people where active = 0 order by email`)).toEqual([{ email: 'kevin.li@example.com' }, { email: 'new.one@example.com' }]);
    expect(t.sql(`select d.path from people p join departments d on d.id = p.department_id where p.email = 'li.lei@example.com'`)).toEqual([{ path: '研发中心/前端组' }]);
    const audit = t.sql<{ action: string; after: string }>(`select action, after from audit_log where action = 'people.import' order by id desc limit 1`)[0];
    expect(JSON.parse(audit.after)).toMatchObject({ created: 2, updated: 3, deactivated: 2, deactivatedEmails: ['kevin.li@example.com', 'new.one@example.com'] });
    expect(verifyAuditChain(t.app.db).ok).toBe(true);

    // Previewing the same file again: nothing left to do.
    expect((await preview(NEXT, '&deactivateMissing=1')).body.counts).toEqual({ rows: 5, creates: 0, updates: 0, unchanged: 5, deactivations: 0, errors: 0 });
  });

  it('answers a bad query or header in the error shape', async () => {
    expect((await t.request('POST', '/api/people/import?preview=yes', NEXT, 'text/csv')).status).toBe(400);
    const header = await t.request('POST', '/api/people/import?preview=1', 'a,b\n1,2', 'text/csv');
    expect(header.status).toBe(422);
    expect(((await header.json()) as { error: { code: string } }).error.code).toBe('import_invalid');
  });
});
