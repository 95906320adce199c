import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, type Db } from '../../db/client';
import { monthLeaderboard, rankOf } from '../../bot/services/points/leaderboard';
import { monthScore, recordLedger } from '../../bot/services/points/points';
import type { LedgerKind } from '../../db/schema';

/**
 * points_monthly is kept as the ledger is written (a trigger on every insert, in its transaction): checked here
 * against the ledger itself, and the leaderboard read from it against the leaderboard summed from the ledger.
 */
describe('monthly point totals', () => {
  let dir: string;
  let db: Db;
  const PEOPLE = 60;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-monthly-'));
    db = openDatabase(join(dir, 'perf.db'));
    const insert = db.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, active, created_at, updated_at) values (?, ?, ?, ?, 'zh-CN', ?, 'x', 'x')`);
    for (let i = 1; i <= PEOPLE; i++) insert.run(`E${i}`, `P${String(i).padStart(2, '0')}`, `p${i}@example.com`, i % 4 === 0 ? 'America/Los_Angeles' : 'Asia/Shanghai', i % 13 === 0 ? 0 : 1);
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fromLedger = () =>
    db.$client.prepare(`select score_month as month, person_id as personId, sum(amount) as score from points_ledger where score_month is not null group by 1, 2 order by 1, 2`).all();
  const kept = () => db.$client.prepare(`select score_month as month, person_id as personId, score from points_monthly order by 1, 2`).all();
  /** The leaderboard as it was computed before the totals: summed from the ledger. */
  const summed = (month: string) =>
    db.$client
      .prepare(
        `with s as (select person_id, sum(amount) as score from points_ledger where score_month = ? group by person_id having sum(amount) > 0)
         select p.id as personId, s.score, rank() over (order by s.score desc) as rank from s join people p on p.id = s.person_id where p.active = 1
         order by s.score desc, p.name`,
      )
      .all(month);

  it('matches the ledger after every kind of entry, across months and time zones, and a rolled-back entry leaves no trace', () => {
    let seed = 7;
    const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const kinds: LedgerKind[] = ['standup', 'checkin', 'adjustment', 'redemption', 'refund'];
    const instants = ['2026-10-31T17:30:00Z', '2026-11-01T03:00:00Z', '2026-11-15T12:00:00Z', '2026-11-30T20:00:00Z', '2026-12-01T09:00:00Z'];
    for (let n = 0; n < 1500; n++) {
      const personId = 1 + rand(PEOPLE);
      const kind = kinds[rand(kinds.length)];
      const amount = kind === 'redemption' ? -(1 + rand(5)) : kind === 'adjustment' ? rand(11) - 5 : 1 + rand(3);
      const tz = personId % 4 === 0 ? 'America/Los_Angeles' : 'Asia/Shanghai';
      recordLedger(db, { personId, amount, kind, reason: 'test', sourceKey: `k:${rand(1200)}` }, new Date(instants[rand(instants.length)]), tz);
    }
    // A deed that fails after its ledger entry: the transaction rolls back, total included.
    expect(() =>
      inTransaction(db, () => {
        recordLedger(db, { personId: 1, amount: 50, kind: 'adjustment', reason: 'test', sourceKey: 'rolled-back' }, new Date('2026-11-15T12:00:00Z'), 'Asia/Shanghai');
        throw new Error('later step failed');
      }),
    ).toThrow('later step failed');

    expect(kept()).toEqual(fromLedger());
    expect((kept() as unknown[]).length).toBeGreaterThan(PEOPLE); // several months per person
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const board = monthLeaderboard(db, month);
      expect(board.map(({ personId, score, rank }) => ({ personId, score, rank }))).toEqual(summed(month));
      const someone = board[Math.floor(board.length / 2)];
      expect(rankOf(db, someone.personId, month)).toMatchObject({ rank: expect.any(Number) });
      expect(monthScore(db, someone.personId, month)).toBe(someone.score);
    }
  });
});
