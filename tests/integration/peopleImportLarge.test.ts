import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPeople } from '../bench/peopleCsv';
import { TestApp } from '../support/harness';

/**
 * More people than SQLite allows bound parameters in one statement (32,766): an import that listed every e-mail in
 * one `IN (…)` failed with "too many SQL variables" and rolled back. 40,000 people go in, and a re-import of the same
 * file updates all of them (the path that looks existing people up).
 */
describe('a people import above SQLite’s parameter limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t.destroy());

  it('imports 40,000 people with managers and identities, then updates them all on a re-import', async () => {
    const { csv, people } = buildPeople(40_000);
    const first = await t.importPeople(csv);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ created: 40_000, updated: 0, total: 40_000 });
    expect(t.sql(`select count(*) as n, count(manager_id) as managed from people`)).toEqual([{ n: 40_000, managed: 39_999 }]);
    expect(t.sql(`select count(*) as n from identities`)).toEqual([{ n: 80_000 }]);
    const last = people[39_999];
    expect(t.sql(`select p.email, m.email as manager from people p join people m on m.id = p.manager_id where p.email = '${last.email}'`)).toEqual([
      { email: last.email, manager: 'p39990@bench.example.com' },
    ]);

    const again = await t.importPeople(csv.replace('测试员工39999', '改名员工'));
    expect(await again.json()).toEqual({ created: 0, updated: 40_000, total: 40_000 });
    expect(t.sql(`select name from people where email = '${last.email}'`)).toEqual([{ name: '改名员工' }]);
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 40_000 }]);
  }, 120_000);
});
