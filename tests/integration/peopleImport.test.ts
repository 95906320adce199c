import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';
import { PEOPLE_HEADER, TEAM_CSV, TestApp } from '../support/harness';

describe('POST /api/people/import', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await TestApp.start();
  });
  afterEach(async () => t.destroy());

  it('imports people with departments, manager chain, identities and department leaders', async () => {
    const res = await t.importPeople(TEAM_CSV);
    expect(await res.json()).toEqual({ created: 4, updated: 0, total: 4 });
    expect(t.sql(`select p.email, m.email as manager from people p left join people m on m.id = p.manager_id order by p.employee_no`)).toEqual([
      { email: 'wang.fang@example.com', manager: null },
      { email: 'li.lei@example.com', manager: 'wang.fang@example.com' },
      { email: 'han.meimei@example.com', manager: 'wang.fang@example.com' },
      { email: 'kevin.li@example.com', manager: 'wang.fang@example.com' },
    ]);
    expect(t.sql(`select d.path, p.email as leader from departments d left join people p on p.id = d.leader_id order by d.path`)).toEqual([
      { path: '研发中心', leader: 'wang.fang@example.com' },
      { path: '研发中心/后端组', leader: 'wang.fang@example.com' }, // the whole team reports to the head of the parent department
    ]);
  });

  it('updates by e-mail on re-import instead of duplicating', async () => {
    await t.importPeople(TEAM_CSV);
    const res = await t.importPeople(`${PEOPLE_HEADER}\nE2,李雷,LI.LEI@example.com,研发中心/前端组,wang.fang@example.com,rnd,Asia/Shanghai,en,U0LILEI,lilei,employee\n`);
    expect(await res.json()).toEqual({ created: 0, updated: 1, total: 1 });
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 4 }]);
    expect(t.sql(`select d.path, p.locale from people p join departments d on d.id = p.department_id where p.email = 'li.lei@example.com'`)).toEqual([{ path: '研发中心/前端组', locale: 'en' }]);
    expect(t.sql(`select platform, external_id from identities order by platform`)).toEqual([
      { platform: 'slack', external_id: 'U0LILEI' },
      { platform: 'wecom', external_id: 'lilei' },
    ]);
  });

  it('refuses the whole file when any row is bad, listing every problem by line, and writes nothing', async () => {
    const csv = [
      PEOPLE_HEADER,
      'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
      'E2,李雷,not-an-email,研发中心,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
      'E3,韩梅梅,han@example.com,研发中心,nobody@example.com,rnd,Mars/Olympus,fr,,,boss',
      'E4,张三,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee',
      'E5,李四,li.si@example.com,研发中心,zhao.liu@example.com,rnd,,,,,',
      'E6,赵六,zhao.liu@example.com,研发中心,li.si@example.com,rnd,,,,,',
      'E7,少一列,short@example.com,研发中心',
    ].join('\n');
    const res = await t.importPeople(csv);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; details: { line: number; message: string }[] } };
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.message).toContain('nothing was written');
    // Shape problems (line 3; time zone, locale and role on line 4; line 8) are found first, before cross-row checks.
    expect(body.error.details.map((d) => d.line)).toEqual([3, 4, 4, 4, 8]);
    expect(body.error.details.find((d) => d.line === 8)!.message).toContain('expected 11 columns, found 4');
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from departments`)).toEqual([{ n: 0 }]);

    // Rows that are well-formed but wrong together: duplicate e-mail, a manager cycle.
    const second = await t.importPeople([PEOPLE_HEADER, 'E1,王芳,wang.fang@example.com,研发中心,,rnd,,,,,', 'E4,张三,wang.fang@example.com,研发中心,,rnd,,,,,', 'E5,李四,li.si@example.com,研发中心,zhao.liu@example.com,rnd,,,,,', 'E6,赵六,zhao.liu@example.com,研发中心,li.si@example.com,rnd,,,,,'].join('\n'));
    const details = ((await second.json()) as { error: { details: { line: number; message: string }[] } }).error.details;
    expect(details.map((d) => d.line)).toEqual([3, 4, 5]);
    expect(details[0].message).toContain('also appears on line 2');
    expect(details[1].message).toContain('loops back');
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 0 }]);
  });

  it('refuses a wrong header and a body that is not CSV', async () => {
    const res = await t.importPeople('email,name\na@example.com,A\n');
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('header must be exactly');
    const json = await t.request('POST', '/api/people/import', { csv: 'x' });
    expect(json.status).toBe(415);
  });

  it('updates, once, a person whose e-mail someone added between the check and the write (the row was planned as new)', async () => {
    const lines = [PEOPLE_HEADER];
    for (let i = 0; i < 1500; i++) lines.push(`N${i},New ${i},new${i}@example.com,Sales,${i ? 'new0@example.com' : ''},sales,,,,,${i ? 'employee' : 'manager'}`);
    let added = false;
    const result = await importPeopleInSlices(
      {
        db: t.app.db, now: t.app.deps.now, instance: t.app.deps.instance, defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
        // after the apply's first transaction, as an HR edit or a contacts sync would: the file's last person, added
        afterCommit: (j) => {
          if (added || j.phase !== 'people') return;
          added = true;
          t.sql(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values ('X1', 'Added meanwhile', 'new1499@example.com', 'UTC', 'en', '2026-01-01', '2026-01-01')`);
        },
      },
      `${lines.join('\n')}\n`,
    );
    expect(added).toBe(true);
    expect(result).toEqual({ created: 1500, updated: 0, total: 1500 }); // as planned when the file was checked
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 1500 }]);
    expect(t.sql(`select p.employee_no, p.name, p.timezone, p.locale, p.job_function, m.email as manager from people p join people m on m.id = p.manager_id where p.email = 'new1499@example.com'`)).toEqual([
      { employee_no: 'N1499', name: 'New 1499', timezone: 'Asia/Shanghai', locale: 'zh-CN', job_function: 'sales', manager: 'new0@example.com' },
    ]);
  });
});
