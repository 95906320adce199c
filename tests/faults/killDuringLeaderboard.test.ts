import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFault, scaled } from './record';
import { killRepeatedly, preparePeople, startAppProcess } from './processes';

/**
 * Issue 15: kill -9 while the monthly leaderboard is announced (the last working day of November, 17:01 in Shanghai).
 * The snapshot is taken in slices (the month's scores copied a page of people at a time, then ranked a slice at a
 * time with each slice's personal messages), so a kill usually lands part-way and the next process's leaderboard job
 * finishes the same snapshot from its cursor. Every restart "happens" three minutes later (the job lease has run out).
 * After the last, undisturbed run: one snapshot, finished, every active person with points ranked once in places
 * 1…N with competition ranks, and each of them told exactly once, each part of the channel's announcement once.
 */
const PEOPLE = scaled(20_000, 3_000);
const KILLS = scaled(8, 2);
const DUE = Date.parse('2026-11-30T09:01:00Z');
const MONTH = '2026-11';

describe('kill -9 while the monthly leaderboard is announced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-leaderboard-kill-'));
  const path = join(dir, 'perf.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`ranks and tells each of ${PEOPLE} people once`, async () => {
    preparePeople(path, PEOPLE, new Date(DUE - 86_400_000));
    const db = new Database(path);
    // November's points: scores 1..40 with many ties; every 13th person none, every 50th inactive.
    db.prepare(
      `with recursive k(i) as (select 0 union all select i + 1 from k where i < 39)
       insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at)
       select p.id, 1, 'standup', 'fault', 'fault:' || p.id || ':' || k.i, ?, '2026-11-20T00:00:00Z' from people p join k on k.i < (p.id * 7) % 40 + 1 where p.id % 13 != 0`,
    ).run(MONTH);
    db.prepare(`update people set active = 0 where id % 50 = 0`).run();
    const want = (db.prepare(`select count(*) as n from points_monthly m join people p on p.id = m.person_id where m.score_month = ? and m.score > 0 and p.active = 1`).get(MONTH) as { n: number }).n;
    db.close();

    let run = 0;
    const env = () => ({ DATABASE_PATH: path, FAULT_NOW: new Date(DUE + run++ * 180_000).toISOString(), LOCAL_RATE_PER_SECOND: scaled('2000', '1000'), ADMIN_PASSWORD: 'fault-suite-password' });
    // every other kill aimed at the snapshot under way (begun, not finished), the others at random (while the messages go out)
    const done = `select count(*) as n from leaderboard_snapshots where phase != 'done'`;
    const { landed, partWay } = await killRepeatedly(path, { kills: KILLS, env, underWay: done, polls: 1000, aimedMs: 30, randomMs: 1500, unfinished: done });
    expect(await startAppProcess(env()).ended).toBe('done');

    const check = new Database(path, { readonly: true });
    try {
      const one = (sql: string, ...args: unknown[]) => (check.prepare(sql).get(...args) as { n: number }).n;
      const entries = one(`select count(*) as n from leaderboard_snapshot_entries`);
      const places = one(`select count(distinct pos) as n from leaderboard_snapshot_entries where pos between 1 and ?`, want);
      // competition ranks: one more than the number of higher scores in the snapshot
      const wrongRanks = one(`select count(*) as n from leaderboard_snapshot_entries e where e.rank != 1 + (select count(*) from leaderboard_snapshot_entries x where x.score > e.score)`);
      // each person's message, and the channel's announcement (in parts of 1,000 lines: …:announce, …:announce:2, …)
      const told = check.prepare(`select d.dedupe_key as key, d.person_id as personId, count(m.id) as n from deliveries d left join local_messages m on m.delivery_id = d.id where d.dedupe_key like ? group by d.id`).all(`leaderboard:${MONTH}:%`) as { key: string; personId: number | null; n: number }[];
      const tops = one(`select count(*) as n from leaderboard_snapshot_entries where top = 1`);
      const parts = Math.max(1, Math.ceil(tops / 1000)); // the heading rides in the first
      const lost = want + parts - told.filter((d) => d.n >= 1).length;
      const doubled = told.filter((d) => d.n > 1).length;
      recordFault({ scenario: 'kill -9 while the monthly leaderboard is announced', scale: `${PEOPLE.toLocaleString('en-US')} people`, runs: landed, lost: Math.max(0, lost), doubled });
      process.stderr.write(`killDuringLeaderboard: ${landed} kills landed, ${partWay} left the snapshot part-way\n`);
      expect(check.prepare(`select month, phase, ranked from leaderboard_snapshots`).all()).toEqual([{ month: MONTH, phase: 'done', ranked: want }]);
      expect(told.filter((d) => d.personId === null).map((d) => d.key).sort()).toEqual(Array.from({ length: parts }, (_, i) => `leaderboard:${MONTH}:announce${i ? `:${i + 1}` : ''}`).sort());
      expect({ entries, places, wrongRanks, told: told.length, lost, doubled }).toEqual({ entries: want, places: want, wrongRanks: 0, told: want + parts, lost: 0, doubled: 0 });
    } finally {
      check.close();
    }
  }, 600_000);
});
