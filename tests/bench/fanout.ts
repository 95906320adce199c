import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { localDate, weekKey } from '../../bot/domain/localTime';
import { asLocale, t } from '../../bot/i18n';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';
import { promptStandupInSlices } from '../../bot/services/standup/promptStandup';
import { pendingCount } from '../../bot/outbox/enqueue';
import { questionMessage } from '../../bot/services/standup/standupMessages';
import { settingsFrom } from '../../bot/settings';
import { RunningClock } from '../support/clock';
import { benchEmail, buildPeople, type BenchDirectory, type BenchPerson } from './peopleCsv';
import { fmtInt, mb, ms, numRow, perSec, ratio, type Row } from './table';
import { inChild } from './inChild';
import { profiled } from './profile';
import { check, measure, progress, type Measured } from './util';

export const ADMIN_PASSWORD = 'bench-password-1';

/**
 * The business clock of the bench apps that prompt a standup: Wednesday 25 Nov 2026, 12:00 in Shanghai (Tuesday 20:00
 * in Los Angeles), running on in real time, so every zone is in the same week whatever day the bench runs. On the
 * machine's clock the bench failed from Monday 02:00 UTC (10:00 in Shanghai, when the last week's round closes) until
 * Monday began in the zones behind UTC: the people still on Sunday there belonged to the closed round, and were not asked.
 */
export const benchNow = new RunningClock('2026-11-25T04:00:00Z').now;

export function benchEnv(dbPath: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: dbPath,
    DEMO_DATA: 'off',
    SCHEDULER: 'off',
    // BENCH_LOG_LEVEL=error shows the server's own error when a request fails (e.g. a 500)
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    ADMIN_PASSWORD,
  };
}

export interface FanoutResult {
  rows: Row[];
  notes: string[];
  app: RunningApp;
  people: BenchDirectory;
}

/**
 * The outbox rows promptStandup would write for these people (same builders, same payload bytes),
 * numbered as the import numbers them (1..n on an empty database).
 */
function equivalentDeliveryRows(people: BenchPerson[], now: Date) {
  const settings = settingsFrom(loadConfig(benchEnv('/unused.db')));
  const questions = settings.standup.questions;
  const keys = new Map<string, string>();
  return people.map((p, i) => {
    let periodKey = keys.get(p.timezone);
    if (periodKey === undefined) keys.set(p.timezone, (periodKey = weekKey(localDate(now, p.timezone))));
    const locale = asLocale(p.locale, settings.defaultLocale);
    const lead = t(locale, 'standup.intro', { name: p.name, week: periodKey, total: questions.length });
    return {
      dedupeKey: `standup-prompt:${periodKey}:${i + 1}`,
      personId: i + 1,
      payload: questionMessage(locale, questions, 0, { lead }),
    };
  });
}

/** Baseline: the same number of rows, same payloads, one prepared statement in one transaction, plain table. */
async function baselineInsert(file: string, people: BenchPerson[]): Promise<Measured & { avgPayload: number }> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table plain_deliveries (
    id integer primary key, dedupe_key text not null, platform text not null, person_id integer, channel text,
    payload text not null, status text not null, attempts integer not null, next_attempt_at text not null, created_at text not null)`);
  const rows = equivalentDeliveryRows(people, benchNow());
  const insert = db.prepare(
    `insert into plain_deliveries (dedupe_key, platform, person_id, channel, payload, status, attempts, next_attempt_at, created_at)
     values (?, 'local', ?, null, ?, 'pending', 0, ?, ?)`,
  );
  const m = await measure(() => {
    const at = benchNow().toISOString();
    db.transaction(() => {
      for (const r of rows) insert.run(r.dedupeKey, r.personId, JSON.stringify(r.payload), at, at);
    })();
  });
  const { n, avg } = db.prepare('select count(*) as n, avg(length(cast(payload as blob))) as avg from plain_deliveries').get() as { n: number; avg: number };
  check(n === people.length, `baseline inserted ${n} rows, expected ${people.length}`);
  db.close();
  return { ...m, avgPayload: avg };
}

function deliveryCounts(app: RunningApp): Record<'total' | 'sent' | 'pending' | 'dead', number> {
  return app.db.$client
    .prepare(
      `select count(*) as total,
              coalesce(sum(status = 'sent'), 0) as sent,
              coalesce(sum(status = 'pending'), 0) as pending,
              coalesce(sum(status = 'dead'), 0) as dead
       from deliveries`,
    )
    .get() as Record<'total' | 'sent' | 'pending' | 'dead', number>;
}

/** The fan-out's baseline, three times on fresh files; run by childTask.ts in a process of its own. */
export async function baselineInsertTask({ dir, count }: { dir: string; count: number }): Promise<(Measured & { avgPayload: number })[]> {
  const { people } = buildPeople(count, { identities: false });
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await baselineInsert(join(dir, `baseline-${i}.db`), people));
  return runs;
}

export async function runFanout(dir: string, count: number): Promise<FanoutResult> {
  const S = `fan-out ${fmtInt(count)}`;
  // The local chat: no Slack/WeCom identity. Only the CSV is kept (an upload's body), and only until it is imported:
  // the bench's own copy of 100,000 people would count in the scenario's peak RSS.
  let { csv } = buildPeople(count, { identities: false });

  // The baseline is short, so it runs three times on fresh files: the median time, and memory from the first
  // run (its process is then in the state the fan-out starts from: nothing but modules loaded). It runs in a process
  // of its own: in this one its heap and rows would count in the scenario's peak RSS.
  progress(`baseline: ${fmtInt(count)} rows into a plain table (x3, in a separate process)`);
  const runs = await inChild<Awaited<ReturnType<typeof baselineInsertTask>>>('fanoutBaseline', { dir, count }, join(dir, 'fanout-baseline.json'));
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  const base = { ...runs[0], ms: byTime[1].ms, cpuMs: [...runs].sort((a, b) => a.cpuMs - b.cpuMs)[1].cpuMs, stallMs: [...runs].sort((a, b) => a.stallMs - b.stallMs)[1].stallMs };

  progress('starting the app');
  const app = await startApp({ env: benchEnv(join(dir, 'perf.db')), now: benchNow });
  try {
    // The upload's path (POST /api/people/import): read, checked and planned in slices, then applied in short
    // journaled transactions with the event loop free between them (counted here through the applier's hook).
    progress(`importing ${fmtInt(count)} people (importPeopleInSlices, the upload's service)`);
    let created = 0;
    let importCommits = 0;
    const imported = await measure(() =>
      profiled('import-people', async () => {
        created = (
          await importPeopleInSlices(
            { db: app.db, now: app.deps.now, instance: app.deps.instance, defaults: { timezone: app.config.DEFAULT_TIMEZONE, locale: app.config.DEFAULT_LOCALE }, afterCommit: () => importCommits++ },
            csv,
          )
        ).created;
      }),
    );
    check(created === count, `import created ${created} people, expected ${count}`);
    csv = '';

    progress(`prompt fan-out to ${fmtInt(count)} people: promptStandup + dispatcher.drain`);
    let enqueueMs = 0;
    let drainMs = 0;
    let asked = 0;
    const run = await measure(async () => {
      const t0 = performance.now();
      asked = (await promptStandupInSlices(app.deps, { manual: true })).asked;
      const t1 = performance.now();
      await app.dispatcher.drain();
      // drain() sends everything due; a second pass only runs if something is somehow still pending (counted on the
      // partial pending index: the whole-table count below was a 43 ms turn of its own inside the measurement at 100k)
      for (let i = 0; i < 5 && pendingCount(app.db) > 0; i++) await app.dispatcher.drain();
      enqueueMs = t1 - t0;
      drainMs = performance.now() - t1;
    });
    progress("checking what was sent (the bench's own whole-table counts, after the measurement)");
    const c = deliveryCounts(app);
    check(asked === count, `promptStandup asked ${asked}, expected ${count}`);
    check(
      c.total === count && c.sent === count && c.pending === 0 && c.dead === 0,
      `outbox after drain: ${JSON.stringify(c)}; expected ${count} sent, 0 pending, 0 dead`,
    );
    const shown = app.db.$client.prepare(`select count(*) as n from local_messages where sender = 'bot'`).get() as { n: number };
    check(shown.n === count, `local chat holds ${shown.n} bot messages, expected ${count}`);
    const { avg } = app.db.$client.prepare('select avg(length(cast(payload as blob))) as avg from deliveries').get() as { avg: number };
    check(Math.abs(avg - base.avgPayload) / avg < 0.05, `baseline payload ${base.avgPayload.toFixed(0)} B vs outbox payload ${avg.toFixed(0)} B differ by more than 5%`);

    const rows: Row[] = [
      numRow(S, 'import people (setup, not in wall)', imported.ms, base.ms, ms, imported.stallMs),
      numRow(S, 'import people: CPU time', imported.cpuMs, base.cpuMs, ms, imported.stallMs),
      numRow(S, 'enqueue: promptStandupInSlices', enqueueMs, base.ms, ms, run.stallMs),
      numRow(S, 'drain: dispatcher.drain until all sent', drainMs, base.ms, ms, run.stallMs),
      numRow(S, 'wall: enqueue + drain', run.ms, base.ms, ms, run.stallMs),
      numRow(S, 'enqueue + drain: CPU time', run.cpuMs, base.cpuMs, ms, run.stallMs),
      {
        scenario: S,
        metric: 'throughput end to end',
        result: perSec(count / (run.ms / 1000), 'deliveries'),
        baseline: perSec(count / (base.ms / 1000), 'rows'),
        ratio: ratio(count / run.ms, count / base.ms),
        stall: ms(run.stallMs),
      },
      numRow(S, 'peak RSS while enqueueing and draining', run.rss.peak, base.rss.peak, mb, run.stallMs),
      numRow(S, 'RSS delta (peak - start)', run.rss.delta, base.rss.delta, mb, run.stallMs),
      numRow(S, 'longest event-loop stall', run.stallMs, base.stallMs, ms, run.stallMs),
    ];
    const notes = [
      `fan-out: ${fmtInt(c.sent)} sent / 0 pending / 0 dead; payload avg ${avg.toFixed(0)} B (baseline ${base.avgPayload.toFixed(0)} B); ` +
        `peak RSS by ${run.rss.method === 'samples' ? `${run.rss.samples} samples (baseline ${base.rss.samples})` : "the kernel's high-water mark"}, the baseline's in its own process; ` +
        `import RSS delta ${mb(imported.rss.delta)} (peak ${mb(imported.rss.peak)}), import stall ${ms(imported.stallMs)} (applied in ${fmtInt(importCommits)} transactions)`,
    ];
    return { rows, notes, app, people: { count, email: benchEmail } };
  } catch (err) {
    await app.close();
    throw err;
  }
}
