import { afterEach, describe, expect, it } from 'vitest';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';
import { buildPeople, PEOPLE_HEADER } from '../bench/peopleCsv';
import { TestApp } from '../support/harness';

/**
 * An accepted people import is journaled and applied in slices; when the process stops part-way (here: the applier
 * is stopped by a failure injected after k committed transactions, as a crash would stop it), the next start
 * finishes it from the journal's cursor: every person once, managers linked, the deactivations and the audit entry
 * exactly once, the stored rows dropped.
 */
const N = 3000;
const STAYING = Array.from({ length: 10 }, (_, i) => `E${i},Leaving ${i},leaving${i}@example.com,Old,,,,,,,`);

describe('resuming an interrupted people import', () => {
  let t: TestApp;
  afterEach(async () => t?.destroy());

  const deps = (t: TestApp, stopAt: (j: { phase: string; cursor: number }, commits: number) => boolean) => {
    let commits = 0;
    return {
      db: t.app.db,
      now: t.app.deps.now,
      instance: t.app.deps.instance,
      defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' as const },
      afterCommit: (j: { phase: string; cursor: number }) => {
        if (stopAt(j, ++commits)) throw new Error('stopped here by the test');
      },
    };
  };
  async function untilDone(t: TestApp): Promise<void> {
    for (let i = 0; i < 3000; i++) {
      if (t.sql(`select 1 from people_imports where status != 'done'`).length === 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`import not finished: ${JSON.stringify(t.sql('select status, phase, cursor from people_imports'))}`);
  }
  function expectWholeImport(t: TestApp) {
    expect(t.sql(`select count(*) as n, count(distinct employee_no) as nos from people where email like '%@bench.example.com'`)).toEqual([{ n: N, nos: N }]);
    expect(t.sql(`select count(*) as n from people where email like '%@bench.example.com' and manager_id is null`)).toEqual([{ n: 1 }]);
    expect(t.sql(`select count(*) as n from identities`)).toEqual([{ n: 2 * N }]);
    // every report's manager is the one the file names
    expect(t.sql(`select count(*) as n from people p join people m on m.id = p.manager_id where m.role != 'manager'`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from people_import_rows`)).toEqual([{ n: 0 }]);
  }

  it('finishes an import stopped in the person rows, with the deactivations and one audit entry', async () => {
    t = await TestApp.start();
    expect((await t.importPeople([PEOPLE_HEADER, ...STAYING].join('\n'))).status).toBe(200);
    const { csv } = buildPeople(N, { identities: true });
    const stopped = importPeopleInSlices(deps(t, (j, commits) => j.phase === 'people' && commits === 3), csv, { deactivateMissing: true, actor: 'admin@example.com' });
    await expect(stopped).rejects.toThrow('stopped here by the test');
    const [journal] = t.sql<{ status: string; phase: string; cursor: number; claimed_until: string | null }>(`select status, phase, cursor, claimed_until from people_imports where status != 'done'`);
    expect(journal).toMatchObject({ status: 'applying', phase: 'people', claimed_until: null }); // a failure here gives the claim back
    expect(journal.cursor).toBeGreaterThan(0);
    expect(journal.cursor).toBeLessThan(N);
    // exactly the rows the committed transactions covered are in, nothing else yet
    expect(t.sql(`select count(*) as n from people where email like '%@bench.example.com'`)).toEqual([{ n: journal.cursor }]);
    expect(t.sql(`select count(*) as n from people where active = 0`)).toEqual([{ n: 0 }]);
    // meanwhile another import is refused
    expect((await t.importPeople([PEOPLE_HEADER, STAYING[0]].join('\n'))).status).toBe(409);

    const dir = t.dir;
    await t.stop();
    t = await TestApp.start({ dir });
    await untilDone(t);
    expectWholeImport(t);
    expect(t.sql(`select count(*) as n from people where active = 0 and email like 'leaving%'`)).toEqual([{ n: 10 }]);
    const audits = t.sql<{ after: string }>(`select after from audit_log where action = 'people.import'`);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after)).toMatchObject({ created: N, updated: 0, total: N, deactivated: 10 });
    expect(t.sql(`select status, result from people_imports order by id desc limit 1`)).toEqual([
      { status: 'done', result: JSON.stringify({ created: N, updated: 0, total: N, deactivated: 10 }) },
    ]);
  }, 120_000);

  it('waits for a crashed process\'s claim to run out, then finishes the manager links', async () => {
    t = await TestApp.start();
    // every manager after their reports: the person rows cannot link them, the managers phase does (plan.relink)
    const [header, ...lines] = buildPeople(N, { identities: true }).csv.trimEnd().split('\n');
    const csv = [header, ...lines.reverse()].join('\n');
    const stopped = importPeopleInSlices(deps(t, (j) => j.phase === 'managers' && j.cursor > 0), csv);
    await expect(stopped).rejects.toThrow('stopped here by the test');
    // as a kill -9 leaves it: still claimed by the dead process for up to a minute
    const until = new Date(t.clock.now().getTime() + 60_000).toISOString();
    t.sql(`update people_imports set claimed_by = 'dead-host:1:x', claimed_until = ? where status = 'applying'`, until);
    const [{ cursor }] = t.sql<{ cursor: number }>(`select cursor from people_imports where status = 'applying' and phase = 'managers'`);
    expect(t.sql(`select count(*) as n from people where manager_id is not null`)).toEqual([{ n: cursor }]); // the relinked rows so far
    expect(t.sql<{ plan: string }>(`select plan from people_imports`).map((r) => JSON.parse(r.plan).relink.length)).toEqual([N - 1]);

    const dir = t.dir;
    await t.stop();
    t = await TestApp.start({ dir, clock: t.clock });
    expect(t.sql(`select status, claimed_by from people_imports`)).toEqual([{ status: 'applying', claimed_by: 'dead-host:1:x' }]); // not taken while the claim holds
    await t.stop();
    t.clock.advance(120_000);
    t = await TestApp.start({ dir, clock: t.clock });
    await untilDone(t);
    expectWholeImport(t);
    expect(t.sql(`select count(*) as n from audit_log where action = 'people.import'`)).toEqual([{ n: 0 }]); // a plain upload is not audited
    expect(t.sql(`select count(*) as n from people_imports`)).toEqual([{ n: 1 }]);
  }, 120_000);
  it('links every row in the managers phase for a journal written before the plan kept the rows to relink', async () => {
    t = await TestApp.start();
    const { csv } = buildPeople(N, { identities: true });
    await expect(importPeopleInSlices(deps(t, (j) => j.phase === 'managers'), csv)).rejects.toThrow('stopped here by the test');
    // as the earlier applier left it: person rows written without their managers, no relink list in the plan
    t.sql(`update people set manager_id = null`);
    t.sql(`update people_imports set plan = json_remove(plan, '$.relink'), claimed_until = null`);
    const dir = t.dir;
    await t.stop();
    t = await TestApp.start({ dir });
    await untilDone(t);
    expectWholeImport(t);
  }, 120_000);
});
