import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { monthLeaderboard, rankOf } from '../../bot/services/points/leaderboard';
import { ms, numRow, type Row } from './table';
import { check, progress, stallMonitor, timed } from './util';

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** The median time of `runs` calls, and the longest stall of the event loop while they ran (each call is synchronous). */
async function median(fn: () => unknown, runs = 5): Promise<{ ms: number; stallMs: number }> {
  const stall = await stallMonitor();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms);
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)], stallMs: await stall.stop() };
}

/**
 * The month's leaderboard for `people` people with a year of ledger entries (`rows` in all: the runner passes 100 per
 * person, so 1M at the default 10,000 people and 10M with BENCH_SCALE=100000; BENCH_LEDGER_ROWS overrides), against a
 * plain COUNT(*) over the ledger. The ledger is built by one INSERT … SELECT over a recursive CTE; the points_monthly
 * trigger keeps the totals as the rows go in, as it does for every ledger insert.
 */
export async function runLeaderboard(dir: string, people = 10_000, rows = 1_000_000): Promise<{ rows: Row[]; notes: string[] }> {
  const label = rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
  progress(`leaderboard: ${people.toLocaleString('en-US')} people, ${rows.toLocaleString('en-US')} ledger rows`);
  const db = openDatabase(join(dir, 'leaderboard.db'));
  const c = db.$client;
  const at = '2026-01-01T00:00:00.000Z';
  const insertPerson = c.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?, ?)`);
  c.transaction(() => {
    for (let p = 1; p <= people; p++) insertPerson.run(`B${p}`, `Person ${p}`, `p${p}@bench.example.com`, at, at);
  })();
  // Building 10M rows is setup: a big page cache for it (SQLite's default 2 MB makes every index insert a miss),
  // the default again for the measurements.
  const cacheSize = c.pragma('cache_size', { simple: true }) as number;
  c.pragma('cache_size = -524288');
  const built = await timed(() =>
    c.transaction(() => {
      // Entry i: person i % people + 1; every 25th a redemption (-3, no score month), otherwise +1 standup/check-in in
      // month (5q + 7r) % 12 of the year, q = i / people, r = i % people: each person's entries go round every month.
      c.prepare(
        `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?)
         insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at)
         select i % ? + 1,
                case when i % 25 = 24 then -3 else 1 end,
                case when i % 25 = 24 then 'redemption' when i % 2 = 1 then 'checkin' else 'standup' end,
                'bench', 'bench:' || i,
                case when i % 25 = 24 then null else json_extract(?, '$[' || cast((cast(i / ? as integer) * 5 + i % ? * 7) % 12 as integer) || ']') end,
                ?
         from n`,
      ).run(rows, people, JSON.stringify(MONTHS), people, people, at);
    })(),
  );
  c.pragma(`cache_size = ${cacheSize}`);
  const total = (c.prepare('select count(*) as n from points_ledger').get() as { n: number }).n;
  check(total === rows, `expected ${rows} ledger rows, found ${total}`);
  const kept = c.prepare(`select count(*) as n, sum(score) as s from points_monthly`).get() as { n: number; s: number };
  const summed = c.prepare(`select count(*) as n, sum(s) as s from (select sum(amount) as s from points_ledger where score_month is not null group by score_month, person_id)`).get() as { n: number; s: number };
  check(kept.n === summed.n && kept.s === summed.s, `points_monthly ${JSON.stringify(kept)} differs from the ledger ${JSON.stringify(summed)}`);

  const board = monthLeaderboard(db, '2026-11');
  check(board.length > people * 0.9, `leaderboard has only ${board.length} people`);
  check(board[0].rank === 1 && board.every((r, i) => i === 0 || r.score <= board[i - 1].score), 'leaderboard is not ordered');
  const full = await median(() => monthLeaderboard(db, '2026-11'));
  const top10 = await median(() => monthLeaderboard(db, '2026-11', { limit: 10 }));
  const rank = await median(() => rankOf(db, board[Math.floor(board.length / 2)].personId, '2026-11'));
  const count = await median(() => c.prepare('select count(*) as n from points_ledger').get());
  c.close();
  const S = `leaderboard ${label} rows`;
  return {
    rows: [
      numRow(S, 'month leaderboard, everyone ranked', full.ms, count.ms, ms, full.stallMs),
      numRow(S, 'month top 10 (chat "leaderboard")', top10.ms, count.ms, ms, top10.stallMs),
      numRow(S, 'one person\'s rank (chat "points")', rank.ms, count.ms, ms, rank.stallMs),
    ],
    notes: [
      `leaderboard: ${total.toLocaleString('en-US')} ledger rows (built in ${ms(built.ms)} by one INSERT … SELECT, the totals trigger included), ` +
        `${board.length.toLocaleString('en-US')} people ranked for 2026-11 from points_monthly (checked against the ledger); baseline = select count(*) from points_ledger; medians of 5`,
    ],
  };
}
