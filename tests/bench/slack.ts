/**
 * Slack rows of `npm run bench`, against the fake Slack Web API enforcing its limits:
 *  - fan-out: 10,000 prompts through the outbox and the real Bolt WebClient; achieved delivery rate as a
 *    share of the rate the workspace allows (the baseline), with the 429s it took and every prompt exactly once;
 *  - signed view_submission (the standup modal) throughput and latency, next to bare Express 5 + urlencoded.
 */
import express from 'express';
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startApp, type RunningApp } from '../../bot/app';
import { importPeople } from '../../bot/services/importPeople';
import { promptStandup } from '../../bot/services/promptStandup';
import type { FakeSlackOptions } from '../support/fakeSlack';
import type { FakeSlackRequest, FakeSlackStats } from '../support/fakeSlackProcess';
import type { FakeSlackState, FakeUser } from '../support/fakeSlackState';
import { benchEnv } from './fanout';
import { buildPeople } from './peopleCsv';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { check, progress, quantile } from './util';

const SECRET = 'bench-signing-secret';
const PATH = '/slack/events';

export interface SlackBenchOptions {
  people: number;
  /** Messages per second the fake workspace allows, and what the app is configured to use (SLACK_RATE_PER_SECOND). */
  allowedPerSecond: number;
  submissions: number;
  concurrency: number;
}

const count = (app: RunningApp, sql: string) => (app.db.$client.prepare(sql).get() as { n: number }).n;

/** Sends what is due until nothing is pending, sleeping until the next retry falls due (Retry-After, pacing). */
async function drainAll(app: RunningApp): Promise<void> {
  for (;;) {
    await app.dispatcher.drain();
    const next = app.db.$client.prepare(`select min(next_attempt_at) as at from deliveries where status = 'pending'`).get() as { at: string | null };
    if (!next.at) return;
    await new Promise((r) => setTimeout(r, Math.max(5, Date.parse(next.at!) - Date.now())));
  }
}

interface RemoteFake {
  apiUrl: string;
  botToken: string;
  team: FakeSlackState['team'];
  bot: FakeSlackState['bot'];
  stats: () => Promise<FakeSlackStats>;
  close: () => Promise<void>;
}

/** The fake Slack in its own process (tests/support/fakeSlackProcess.ts), as the real one is on another machine. */
async function startRemoteFake(options: Omit<FakeSlackOptions, 'now'>, users: FakeUser[]): Promise<RemoteFake> {
  const child = fork(fileURLToPath(new URL('../support/fakeSlackProcess.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(request: FakeSlackRequest, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`fake Slack exited (${code}) before answering ${request.type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  const ready = await ask<{ apiUrl: string; botToken: string; team: RemoteFake['team']; bot: RemoteFake['bot'] }>({ type: 'start', options, users }, 'ready');
  return {
    ...ready,
    stats: () => ask<FakeSlackStats>({ type: 'stats' }, 'stats'),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies FakeSlackRequest);
      }),
  };
}

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  requests: number;
  wallMs: number;
}

/** Posts form bodies signed as Slack signs them from a worker thread, at fixed concurrency; all must be empty 200s. */
async function load(url: string, bodies: string[], concurrency: number, label: string): Promise<LoadResult> {
  const worker = new Worker(new URL('./workers/slackSignedPost.mjs', import.meta.url), { workerData: { url, path: PATH, secret: SECRET, concurrency, timeoutMs: 30_000 } });
  try {
    const raw = await new Promise<{ wallMs: number; requests: number; latencies: Float64Array; statuses: Record<string, number>; failures: string[] }>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', resolve);
      worker.postMessage({ type: 'run', bodies });
    });
    const ok = (raw.statuses['200'] ?? 0) - (raw.statuses.bad ?? 0);
    check(raw.requests === bodies.length && ok === bodies.length, `${label}: ${bodies.length - ok} of ${bodies.length} were not empty 200s; ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}`);
    const sorted = raw.latencies.slice().sort();
    return { perSecond: raw.requests / (raw.wallMs / 1000), p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1], ok, requests: raw.requests, wallMs: raw.wallMs };
  } finally {
    worker.postMessage({ type: 'close' });
    await new Promise((r) => setTimeout(r, 20));
    await worker.terminate();
  }
}

/** The baseline server: bare Express 5, express.urlencoded() on POST /slack/events, answering an empty 200. */
async function bareExpress(): Promise<{ url: string; close: () => Promise<void> }> {
  const web = express();
  web.post(PATH, express.urlencoded({ extended: false }), (_req, res) => {
    res.status(200).end();
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = web.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A view_submission of the standup modal, as Slack posts it (payload=<JSON>), for one person's request. */
function submission(fake: RemoteFake, userId: string, requestId: number, i: number): string {
  const { team, bot } = fake;
  const value = (text: string) => ({ answer: { type: 'plain_text_input', value: text } });
  const payload = {
    type: 'view_submission',
    team: { id: team.id, domain: team.domain },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: team.id },
    api_app_id: bot.appId,
    token: 'legacy-verification-token',
    trigger_id: `${i}.${Date.now()}.bench`,
    view: {
      id: `VBENCH${i}`,
      type: 'modal',
      callback_id: 'slack.standup.form',
      private_metadata: JSON.stringify({ requestId }),
      title: { type: 'plain_text', text: 'Weekly standup' },
      blocks: [],
      state: { values: { q0: value('Finished the weekly report and two code reviews'), q1: value('none'), q2: value('Prepare the customer demo for Thursday') } },
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function runSlack(dir: string, opts: SlackBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const S = `slack fan-out ${fmtInt(opts.people)}`;
  const { csv, people } = buildPeople(opts.people);
  const slackIds = csv.trim().split('\n').slice(1).map((line) => line.split(',')[8]);
  const users = people.map((p, i) => ({ id: slackIds[i], email: p.email, name: p.name }));
  const limits = { channelPerSecond: 1, channelBurst: 1, workspacePerSecond: opts.allowedPerSecond, workspaceBurst: opts.allowedPerSecond };
  const fake = await startRemoteFake({ recordArgs: false, limits }, users);
  const app = await startApp({
    env: { ...benchEnv(join(dir, 'slack.db')), SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SLACK_RATE_PER_SECOND: String(opts.allowedPerSecond) },
  });
  try {
    const created = importPeople({ db: app.db, now: app.deps.now, defaults: { timezone: app.config.DEFAULT_TIMEZONE, locale: app.config.DEFAULT_LOCALE } }, csv).created;
    check(created === opts.people, `import created ${created}, expected ${opts.people}`);

    progress(`slack fan-out: ${fmtInt(opts.people)} prompts, fake Slack allows ${opts.allowedPerSecond}/s workspace-wide and 1/s per channel`);
    const t0 = performance.now();
    const asked = promptStandup(app.deps, { manual: true }).asked;
    const t1 = performance.now();
    await drainAll(app);
    const t2 = performance.now();
    check(asked === opts.people, `asked ${asked}, expected ${opts.people}`);
    const sent = count(app, `select count(*) as n from deliveries where status = 'sent'`);
    const dead = count(app, `select count(*) as n from deliveries where status = 'dead'`);
    const stats = await fake.stats();
    const post = stats.calls['chat.postMessage'] ?? { ok: 0, failed: 0, limited: 0 };
    check(sent === opts.people && dead === 0 && post.ok === opts.people, `outbox ${sent} sent / ${dead} dead, fake Slack took ${post.ok} messages; expected ${opts.people} each`);
    check(stats.dmCounts['1'] === opts.people, `DMs by number of messages: ${JSON.stringify(stats.dmCounts)}; expected everyone exactly one`);
    const achieved = opts.people / ((t2 - t1) / 1000);
    const apiCalls = Object.values(stats.calls).reduce((n, c) => n + c.ok + c.failed, 0) - (stats.calls['auth.test']?.ok ?? 0);
    const posted = post.ok;
    const limited = post.limited;

    const form = await runSubmissions(app, fake, slackIds, opts);
    const rows: Row[] = [
      {
        scenario: S,
        metric: 'delivery rate vs allowed rate',
        result: perSec(achieved, 'msg'),
        baseline: perSec(opts.allowedPerSecond, 'msg'),
        ratio: ratio(achieved, opts.allowedPerSecond),
      },
      numRow(S, 'enqueue: promptStandup', t1 - t0, t1 - t0, ms),
      { scenario: S, metric: 'drain until all sent (wall)', result: ms(t2 - t1), baseline: ms((opts.people / opts.allowedPerSecond) * 1000), ratio: ratio(t2 - t1, (opts.people / opts.allowedPerSecond) * 1000) },
      { scenario: S, metric: 'prompts delivered exactly once', result: `${fmtInt(posted)}/${fmtInt(opts.people)}`, baseline: fmtInt(opts.people), ratio: ratio(posted, opts.people) },
      { scenario: S, metric: 'Web API calls (429s included)', result: fmtInt(apiCalls), baseline: fmtInt(2 * opts.people), ratio: ratio(apiCalls, 2 * opts.people) },
      ...form.rows,
    ];
    const notes = [
      `slack fan-out: baseline = the allowed rate (ideal drain = N / allowed); ${fmtInt(limited)} chat.postMessage calls answered 429 + Retry-After and retried by the outbox; ` +
        `API-call baseline = conversations.open + chat.postMessage once per person`,
      ...form.notes,
    ];
    return { rows, notes };
  } finally {
    await app.close();
    await fake.close();
  }
}

async function runSubmissions(app: RunningApp, fake: RemoteFake, slackIds: string[], opts: SlackBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const S = 'slack view_submission (signed)';
  const requests = app.db.$client.prepare(`select r.id as requestId, r.person_id as personId from standup_requests r order by r.person_id`).all() as { requestId: number; personId: number }[];
  const step = Math.max(1, Math.floor(requests.length / opts.submissions));
  const picked = requests.filter((_, i) => i % step === 0).slice(0, opts.submissions);
  check(picked.length === opts.submissions, `only ${picked.length} standup requests for ${opts.submissions} submissions`);
  const bodies = picked.map((r, i) => submission(fake, slackIds[r.personId - 1], r.requestId, i));

  progress(`slack view_submission: ${fmtInt(bodies.length)} signed modal submissions at concurrency ${opts.concurrency}`);
  const got = await load(app.url, bodies, opts.concurrency, 'app');
  const answers = count(app, `select count(*) as n from standup_answers`);
  const forms = count(app, `select count(*) as n from deliveries where dedupe_key like 'standup-form:%'`);
  check(answers === 3 * bodies.length && forms === bodies.length, `expected ${3 * bodies.length} answers and ${bodies.length} prompt updates, found ${answers} and ${forms}`);

  progress('baseline: bare Express 5 + express.urlencoded(), same signed bodies, same client');
  const bare = await bareExpress();
  let base: LoadResult;
  try {
    base = await load(bare.url, bodies, opts.concurrency, 'bare express');
  } finally {
    await bare.close();
  }
  return {
    rows: [
      { scenario: S, metric: `throughput (${fmtInt(got.requests)} req, ${opts.concurrency} in flight)`, result: perSec(got.perSecond, 'req'), baseline: perSec(base.perSecond, 'req'), ratio: ratio(got.perSecond, base.perSecond) },
      numRow(S, 'latency p50', got.p50, base.p50, ms),
      numRow(S, 'latency p99', got.p99, base.p99, ms),
      numRow(S, 'latency max', got.max, base.max, ms),
    ],
    notes: [
      `slack view_submission: each request verified (signature, ±5 min window), parsed by Bolt, 3 answers stored + 1 point + prompt update enqueued in one transaction, ` +
        `answered after the handler ran (processBeforeResponse); wall ${ms(got.wallMs)} (baseline ${ms(base.wallMs)})`,
    ],
  };
}
