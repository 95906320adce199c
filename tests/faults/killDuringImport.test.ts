import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { importPeople } from '../../bot/services/people/importPeople';
import { buildPeople, PEOPLE_HEADER } from '../bench/peopleCsv';
import { recordFault, scaled } from './record';
import { randomDelay, startAppProcess } from './processes';

/**
 * Issue 15: kill -9 at random points while a people import (the whole company: people not in the file are
 * deactivated) is read, checked, stored and applied in slices. Every restart "happens" three minutes later, so a
 * killed process's claim on the import has run out and the start-up resumes it. The first kill lands while the file is
 * read and checked or stored, the others at random points of the apply (watched through the journal). After the last, undisturbed run the
 * import is applied exactly once: every person of the file once with the manager it names, the people not in it
 * deactivated, one audit entry, one finished journal row and nothing of it left stored.
 */
const PEOPLE = scaled(20_000, 3000);
const KILLS = scaled(10, 2);
const KILL_WINDOW_MS = scaled(2000, 1000);
/**
 * Where in the apply a kill may aim (phases × rows): the whole of the people and managers phases at full size; the first
 * half of the people phase in `npm test`'s quick run, where 3,000 rows are a few transactions and a poll delayed by a
 * busy machine could otherwise miss a late target and watch the import finish (no kill mid-apply, the test fails).
 */
const AIM_SPAN = scaled(2, 0.5);
const LEAVING = 20;
const START = Date.parse('2026-11-27T08:05:00Z');

describe('kill -9 during a people import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-import-kill-'));
  const path = join(dir, 'perf.db');
  const csvPath = join(dir, 'people.csv');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`applies an import of ${PEOPLE} people exactly once`, async () => {
    // a directory with people the file leaves out (the import then deactivates them)
    const db = openDatabase(path);
    importPeople({ db, now: () => new Date(START), defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' } }, [PEOPLE_HEADER, ...Array.from({ length: LEAVING }, (_, i) => `L${i},Leaving ${i},leaving${i}@example.com,Old,,,,,,,`)].join('\n'));
    db.$client.prepare('delete from people_imports').run();
    db.$client.close();
    const { csv } = buildPeople(PEOPLE, { identities: true });
    writeFileSync(csvPath, csv);

    let landed = 0;
    let midApply = 0;
    let run = 0;
    const env = () => ({ DATABASE_PATH: path, FAULT_NOW: new Date(START + run++ * 180_000).toISOString(), FAULT_IMPORT_CSV: csvPath, ADMIN_PASSWORD: 'fault-suite-password' });
    const watch = new Database(path, { readonly: true });
    const progress = watch.prepare(`select phase, cursor, total from people_imports where status = 'applying'`);
    const PHASES = ['people', 'managers', 'deactivate', 'finish'];
    for (let i = 0; i < KILLS; i++) {
      const p = startAppProcess(env(), 'tests/faults/importChild.ts');
      let exited = false;
      void p.ended.then(() => (exited = true));
      await p.ready;
      if (i === 0) {
        // while the file is read, checked and stored (before the import is accepted); at the latest as the apply
        // starts, so that a fast machine never lets this first run finish the whole import unkilled
        const until = Date.now() + randomDelay(KILL_WINDOW_MS);
        while (!exited && Date.now() < until && !progress.get()) await new Promise((r) => setTimeout(r, 2));
      } else {
        // at a random point of the apply: a phase, then a share of the rows
        const target = Math.random() * AIM_SPAN * PEOPLE;
        for (let at = -1; !exited && at < target; ) {
          const row = progress.get() as { phase: string; cursor: number; total: number } | undefined;
          if (row) at = PHASES.indexOf(row.phase) * row.total + row.cursor;
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      p.child.kill('SIGKILL');
      const how = await p.ended;
      expect(how).not.toBe('failed');
      if (how === 'killed') landed++;
      if (how === 'killed' && progress.get()) midApply++; // the kill left the import part-applied
    }
    watch.close();
    expect(await startAppProcess(env(), 'tests/faults/importChild.ts').ended).toBe('done');

    const check = new Database(path, { readonly: true });
    try {
      const n = (sql: string) => (check.prepare(sql).get() as { n: number }).n;
      const wanted = new Map(csv.trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => [c[2], c[4]]));
      const stored = check.prepare(`select p.email, coalesce(m.email, '') as manager, p.active from people p left join people m on m.id = p.manager_id where p.email like '%@bench.example.com'`).all() as { email: string; manager: string; active: number }[];
      const right = stored.filter((p) => wanted.get(p.email) === p.manager && p.active === 1).length;
      const notDeactivated = n(`select count(*) as n from people where email like 'leaving%' and active = 1`);
      const audits = n(`select count(*) as n from audit_log where action = 'people.import'`);
      const imports = n(`select count(*) as n from people_imports`);
      const lost = PEOPLE - right + notDeactivated;
      const doubled = Math.max(0, stored.length - PEOPLE) + Math.max(0, audits - 1) + Math.max(0, imports - 1);
      recordFault({ scenario: 'kill -9 during a people import', scale: `${PEOPLE} people`, runs: landed, lost, doubled });
      expect({ lost, doubled, audits, imports }).toEqual({ lost: 0, doubled: 0, audits: 1, imports: 1 });
      expect(stored).toHaveLength(PEOPLE);
      expect(n(`select count(*) as n from identities`)).toBe(2 * PEOPLE);
      expect(check.prepare(`select status, result from people_imports`).get()).toEqual({ status: 'done', result: JSON.stringify({ created: PEOPLE, updated: 0, total: PEOPLE, deactivated: LEAVING }) });
      expect(n(`select count(*) as n from people_import_rows`)).toBe(0);
      expect(n(`select count(*) as n from departments d join people p on p.id = d.leader_id where p.role = 'manager'`)).toBe(PEOPLE / 10);
      expect(landed).toBeGreaterThan(0);
      expect(midApply).toBeGreaterThan(0);
    } finally {
      check.close();
    }
  }, 600_000);
});
