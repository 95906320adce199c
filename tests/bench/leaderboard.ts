import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadConfig } from '../../bot/config';
import { WorkCalendar } from '../../bot/domain/calendar';
import { createLogger } from '../../bot/logger';
import type { ServiceDeps } from '../../bot/services/context';
import { announceLeaderboard, announceLeaderboardNow } from '../../bot/services/points/announceLeaderboard';
import { leaderboardPage, monthLeaderboard, rankOf } from '../../bot/services/points/leaderboard';
import { settingsFrom } from '../../bot/settings';
import { openDatabase } from '../../db/client';
import { startWalCheckpointer } from '../../db/walCheckpointer';
import { ms, numRow, type Row } from './table';
import { check, measure, progress, stallMonitor, timed } from './util';

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/**
 * The median time of `runs` calls, and the longest stall of the event loop while they ran (each call is synchronous).
 * A turn of the event loop between the calls, as between two requests: without it the `await`s are microtasks and the
 * five calls were one turn, so the stall was their sum (the 165–170 ms "slowest call" of earlier sessions was five
 * 33 ms calls).
 */
async function median(fn: () => unknown, opts: { record?: boolean } = {}, runs = 5): Promise<{ ms: number; stallMs: number }> {
  const stall = await stallMonitor(opts);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push((await timed(fn)).ms);
    await nextTurn();
  }
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
  const PAGE = 50;
  const middle = Math.floor(board.length / 2);
  const paged = leaderboardPage(db, '2026-11', { limit: PAGE, offset: middle });
  check(paged.total === board.length && JSON.stringify(paged.rows) === JSON.stringify(board.slice(middle, middle + PAGE)), 'the page at the middle differs from the same places of the whole list');
  const first = await median(() => leaderboardPage(db, '2026-11', { limit: PAGE }));
  const mid = await median(() => leaderboardPage(db, '2026-11', { limit: PAGE, offset: middle }));
  const last = await median(() => leaderboardPage(db, '2026-11', { limit: PAGE, offset: board.length - PAGE }));
  const largest = await median(() => leaderboardPage(db, '2026-11', { limit: 1_000 })); // the API's largest page
  // The console paging through everyone: one page per turn of the event loop, as requests would come.
  const walkStall = await stallMonitor();
  const walk = await timed(async () => {
    let seen = 0;
    for (let offset = 0; offset < board.length; offset += PAGE) {
      seen += leaderboardPage(db, '2026-11', { limit: PAGE, offset }).rows.length;
      await nextTurn();
    }
    check(seen === board.length, `walked ${seen} of ${board.length}`);
  });
  const walkMs = await walkStall.stop();
  const top10 = await median(() => monthLeaderboard(db, '2026-11', { limit: 10 }));
  const rank = await median(() => rankOf(db, board[middle].personId, '2026-11'));
  const count = await median(() => c.prepare('select count(*) as n from points_ledger').get(), { record: false }); // the baseline: blocks on purpose

  // The monthly announcement as the job runs it (snapshot + everyone's message in slices, WAL checkpoints on their own
  // thread as in the server), against the same for the month before in one turn (runAll: what it was before issue 15).
  const checkpointer = startWalCheckpointer(db, { warn: () => {} });
  const base = settingsFrom(loadConfig({}));
  const depsAt = (iso: string): ServiceDeps => ({
    db, now: () => new Date(iso), calendar: () => new WorkCalendar(), settings: base, route: () => 'local', chatPlatforms: { slack: false, wecom: false }, log: createLogger('silent'),
  });
  const sliced = await measure(() => announceLeaderboard(depsAt('2026-11-30T10:00:00Z'), { manual: true }));
  const whole = await measure(() => announceLeaderboardNow(depsAt('2026-10-30T10:00:00Z'), { manual: true }), { record: false }); // one turn on purpose
  await checkpointer.stop();
  const announced: string[] = [];
  for (const [month, ranked] of [['2026-11', board.length], ['2026-10', monthLeaderboard(db, '2026-10').length]] as const) {
    const told = (c.prepare(`select count(*) as n from deliveries where dedupe_key like ? and person_id is not null`).get(`leaderboard:${month}:%`) as { n: number }).n;
    const parts = (c.prepare(`select count(*) as n from deliveries where dedupe_key like ? and person_id is null`).get(`leaderboard:${month}:announce%`) as { n: number }).n;
    const entries = (c.prepare(`select count(*) as n from leaderboard_snapshot_entries e join leaderboard_snapshots s on s.id = e.snapshot_id where s.month = ? and s.phase = 'done' and e.pos is not null`).get(month) as { n: number }).n;
    const tops = (c.prepare(`select count(*) as n from leaderboard_snapshot_entries e join leaderboard_snapshots s on s.id = e.snapshot_id where s.month = ? and e.top = 1`).get(month) as { n: number }).n;
    check(told === ranked && entries === ranked && parts === Math.max(1, Math.ceil(tops / 1000)), `${month}: ${ranked} ranked, ${entries} entries, ${told} personal messages, ${parts} announcement parts for ${tops} top (want one each, parts of 1,000 lines)`);
    announced.push(`${month}: ${ranked.toLocaleString('en-US')} told, the top share ${tops.toLocaleString('en-US')} people in ${parts} announcement part(s)`);
  }
  c.close();
  const S = `leaderboard ${label} rows`;
  const n = board.length.toLocaleString('en-US');
  return {
    rows: [
      numRow(S, `month leaderboard, first page of ${PAGE} (console)`, first.ms, count.ms, ms, first.stallMs),
      numRow(S, `month leaderboard, page of ${PAGE} at offset ${middle.toLocaleString('en-US')}`, mid.ms, count.ms, ms, mid.stallMs),
      numRow(S, `month leaderboard, last page of ${PAGE}`, last.ms, count.ms, ms, last.stallMs),
      numRow(S, `month leaderboard, everyone ranked: ${Math.ceil(board.length / PAGE).toLocaleString('en-US')} pages walked (total)`, walk.ms, count.ms, ms, walkMs),
      numRow(S, "month leaderboard, largest page (1,000: the API's maximum)", largest.ms, count.ms, ms, largest.stallMs),
      numRow(S, 'month top 10 (chat "leaderboard")', top10.ms, count.ms, ms, top10.stallMs),
      numRow(S, 'one person\'s rank (chat "points")', rank.ms, count.ms, ms, rank.stallMs),
      numRow(S, `monthly announcement in slices (${n} ranked and told), wall`, sliced.ms, whole.ms, ms, sliced.stallMs),
      numRow(S, 'monthly announcement in slices, CPU', sliced.cpuMs, whole.cpuMs, ms, sliced.stallMs),
    ],
    notes: [
      `leaderboard: ${total.toLocaleString('en-US')} ledger rows (built in ${ms(built.ms)} by one INSERT … SELECT, the totals trigger included), ` +
        `${n} people ranked for 2026-11 from points_monthly (checked against the ledger); baseline of the read rows = select count(*) from points_ledger; medians of 5`,
      `leaderboard announcement: baseline = the month before announced in one turn (runAll, as before issue 15): ${ms(whole.ms)} wall, ${ms(whole.cpuMs)} CPU, longest stall ${ms(whole.stallMs)}; ${announced.join('; ')}`,
    ],
  };
}
