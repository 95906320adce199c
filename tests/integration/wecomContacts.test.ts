import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDepartment, FakeUser } from '../support/fakeWecom';
import { PEOPLE_HEADER } from '../support/harness';
import { startWecomApp } from '../support/wecomHarness';

/**
 *  1 示例科技 (leader ceo)
 *  ├─ 2 研发中心 (leader cto)
 *  │   ├─ 3 后端组 (no leader)
 *  │   └─ 4 前端组 (leader feLead)
 *  └─ 5 销售部 (leaders salesHead, sales2)
 */
const DEPARTMENTS: FakeDepartment[] = [
  { id: 1, name: '示例科技', parentid: 0, department_leader: ['ceo'] },
  { id: 2, name: '研发中心', parentid: 1, department_leader: ['cto'] },
  { id: 3, name: '后端组', parentid: 2, department_leader: [] },
  { id: 4, name: '前端组', parentid: 2, department_leader: ['feLead'] },
  { id: 5, name: '销售部', parentid: 1, department_leader: ['salesHead', 'sales2'] },
];

const user = (userid: string, name: string, department: number, extra: Partial<FakeUser> = {}): FakeUser => ({ userid, name, department: [department], main_department: department, status: 1, ...extra });

const USERS: FakeUser[] = [
  user('ceo', '赵总', 1),
  user('cto', '钱工', 2),
  user('be1', '孙后端', 3), // team without a leader: the parent's leader
  user('feLead', '李前端', 4), // leads their own team: walk up to 研发中心
  user('fe1', '周前端', 4),
  user('fe2', '吴前端', 4, { direct_leader: ['be1'] }), // a direct leader wins over the department
  user('salesHead', '郑销售', 5),
  user('sales2', '王销售', 5), // co-leaders are peers: both walk up to the parent's leader
  user('sales3', '冯销售', 5, { department: [5, 3], main_department: 5 }),
  user('gone', '陈停用', 3, { status: 2 }),
];

const JOB_FUNCTIONS = JSON.stringify({ 研发中心: 'rnd', '示例科技/销售部': 'sales', '4': 'frontend' });

describe('contacts-sync from the WeCom directory', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  const people = () =>
    Object.fromEntries(
      w.t
        .sql<{ userid: string; manager: string | null; job_function: string; active: number; role: string; path: string | null }>(
          `select i.external_id as userid, mi.external_id as manager, p.job_function, p.active, p.role, d.path
           from people p join identities i on i.person_id = p.id and i.platform = 'wecom'
           left join identities mi on mi.person_id = p.manager_id and mi.platform = 'wecom'
           left join departments d on d.id = p.department_id`,
        )
        .map((r) => [r.userid, r]),
    );

  beforeEach(async () => {
    w = await startWecomApp({ users: USERS, env: { WECOM_JOB_FUNCTIONS: JOB_FUNCTIONS } });
    w.fake.departments = DEPARTMENTS;
  });
  afterEach(async () => w.destroy());

  it('builds people, departments and the manager chain, with the department-leader fallback', async () => {
    // someone already imported from CSV with their WeCom userid is updated, not duplicated
    const csv = [PEOPLE_HEADER, 'E9,孙后端,sun@example.com,旧部门,,general,Asia/Shanghai,zh-CN,,be1,employee'].join('\n');
    expect((await w.t.importPeople(csv)).status).toBe(200);

    const result = await w.t.runJob('contacts-sync');
    expect(result).toMatchObject({ departments: 5, people: 10, created: 9, updated: 1, deactivated: 0, loopsBroken: [] });
    const p = people();
    const managerOf = Object.fromEntries(Object.values(p).map((r) => [r.userid, r.manager]));
    expect(managerOf).toEqual({
      ceo: null,
      cto: 'ceo',
      be1: 'cto',
      feLead: 'cto',
      fe1: 'feLead',
      fe2: 'be1',
      salesHead: 'ceo',
      sales2: 'ceo',
      sales3: 'salesHead',
      gone: null,
    });
    expect(p.be1.path).toBe('示例科技/研发中心/后端组');
    expect(p.be1.job_function).toBe('rnd');
    expect(p.fe1.job_function).toBe('frontend');
    expect(p.sales3.job_function).toBe('sales');
    expect(p.ceo.job_function).toBe('general');
    expect(p.gone.active).toBe(0);
    expect(p.cto.role).toBe('manager');
    expect(p.fe1.role).toBe('employee');
    expect(w.t.sql(`select email from people where employee_no = 'E9'`)).toEqual([{ email: 'sun@example.com' }]);
    expect(w.t.sql(`select d.path, i.external_id as leader from departments d left join identities i on i.person_id = d.leader_id where d.path like '示例科技%' order by d.path`)).toEqual([
      { path: '示例科技', leader: 'ceo' },
      { path: '示例科技/研发中心', leader: 'cto' },
      { path: '示例科技/研发中心/前端组', leader: 'feLead' },
      { path: '示例科技/研发中心/后端组', leader: null },
      { path: '示例科技/销售部', leader: 'salesHead' },
    ]);
    expect(w.t.sql(`select trigger, error from job_runs where job = 'contacts-sync'`)).toEqual([{ trigger: 'manual', error: null }]);
  });

  it('deactivates people who left (never deletes them) and re-links the chain above them', async () => {
    await w.t.runJob('contacts-sync');
    w.fake.users.delete('feLead');
    const result = await w.t.runJob('contacts-sync');
    expect(result).toMatchObject({ created: 0, deactivated: 1 });
    const p = people();
    expect(p.feLead.active).toBe(0);
    expect(p.fe1.manager).toBe('cto'); // 前端组 has no active leader now: walk up
    expect(w.t.sql(`select count(*) as n from people`)).toEqual([{ n: 10 }]);
  });

  it('changes nothing when the directory comes back empty (an unset visible range), and says why', async () => {
    await w.t.runJob('contacts-sync');
    w.fake.users.clear();
    const res = await w.t.request('POST', '/api/jobs/contacts-sync/run');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('directory_empty');
    expect(w.t.sql(`select count(*) as n from people where active = 1`)).toEqual([{ n: 9 }]);
  });

  it('reports a directory it cannot read as a clear error', async () => {
    w.fake.failNext('department/list', 60020);
    const res = await w.t.request('POST', '/api/jobs/contacts-sync/run');
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain("this server's IP is not among the app's trusted IPs");
  });
});
