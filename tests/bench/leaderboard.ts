import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { monthLeaderboard, rankOf } from '../../bot/services/points/leaderboard';
import { ms, numRow, type Row } from './table';
import { check, progress, timed } from './util';

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

async function median(fn: () => unknown, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/**
 * The month's leaderboard for `people` people with a year of ledger entries (~`perPerson` each, about a
 * million rows), computed in SQL, against a plain COUNT(*) over the same table.
 */
export async function runLeaderboard(dir: string, people = 10_000, perPerson = 100): Promise<{ rows: Row[]; notes: string[] }> {
  progress(`leaderboard: ${people.toLocaleString('en-US')} people, ~${(people * perPerson).toLocaleString('en-US')} ledger rows`);
  const db = openDatabase(join(dir, 'leaderboard.db'));
  const c = db.$client;
  const at = '2026-01-01T00:00:00.000Z';
  const insertPerson = c.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?, ?)`);
  const insertEntry = c.prepare(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, ?, ?, 'bench', ?, ?, ?)`);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  c.transaction(() => {
    for (let p = 1; p <= people; p++) insertPerson.run(`B${p}`, `Person ${p}`, `p${p}@bench.example.com`, at, at);
    let n = 0;
    for (let p = 1; p <= people; p++) {
      for (let i = 0; i < perPerson; i++) {
        const kind = i % 25 === 24 ? 'redemption' : i % 2 ? 'checkin' : 'standup';
        const month = MONTHS[Math.floor(rand() * MONTHS.length)];
        insertEntry.run(p, kind === 'redemption' ? -3 : 1, kind, `bench:${n++}`, kind === 'redemption' ? null : month, at);
      }
    }
  })();
  const total = (c.prepare('select count(*) as n from points_ledger').get() as { n: number }).n;
  check(total === people * perPerson, `expected ${people * perPerson} ledger rows, found ${total}`);

  const board = monthLeaderboard(db, '2026-11');
  check(board.length > people * 0.9, `leaderboard has only ${board.length} people`);
  check(board[0].rank === 1 && board.every((r, i) => i === 0 || r.score <= board[i - 1].score), 'leaderboard is not ordered');
  const full = await median(() => monthLeaderboard(db, '2026-11'));
  const top10 = await median(() => monthLeaderboard(db, '2026-11', { limit: 10 }));
  const rank = await median(() => rankOf(db, board[Math.floor(board.length / 2)].personId, '2026-11'));
  const count = await median(() => c.prepare('select count(*) as n from points_ledger').get());
  c.close();
  return {
    rows: [
      numRow('leaderboard 1M rows', 'month leaderboard, everyone ranked', full, count, ms),
      numRow('leaderboard 1M rows', 'month top 10 (chat "leaderboard")', top10, count, ms),
      numRow('leaderboard 1M rows', 'one person\'s rank (chat "points")', rank, count, ms),
    ],
    notes: [`leaderboard: ${total.toLocaleString('en-US')} ledger rows, ${board.length.toLocaleString('en-US')} people ranked for 2026-11; baseline = select count(*) from points_ledger; medians of 5`],
  };
}
