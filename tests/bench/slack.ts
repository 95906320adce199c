/**
 * Slack rows of `npm run bench`, against the fake Slack Web API (in its own process) enforcing its limits:
 *  - fan-out: prompts through the outbox and the real Bolt WebClient, every one exactly once; the achieved
 *    delivery rate as a share of what the fake workspace allows. Twice: 10,000 people with a high budget (so it
 *    finishes quickly: the outbox itself is the limit), and 1,000 with a low one (the budget is the limit);
 *  - signed view_submission (the standup modal) throughput and latency, next to bare Express 5 + urlencoded.
 */
import express from 'express';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../../bot/app';
import { asLocale } from '../../bot/i18n';
import type { OutboundMessage } from '../../bot/platform/port';
import { renderMessage } from '../../bot/platform/slack/messageBlocks';
import { importPeople } from '../../bot/services/people/importPeople';
import { openSlackDms } from '../../bot/services/people/openSlackDms';
import { promptStandupInSlices } from '../../bot/services/standup/promptStandup';
import { startRemoteFakeSlack, type RemoteFakeSlack } from '../support/fakeSlackRemote';
import { benchEnv, benchNow } from './fanout';
import { latencyStats, loadOnce } from './loadClient';
import { jobsFor, openLoopNote, openLoopRows, runOpenLoop, type OpenLoopRate, type OpenLoopResult } from './openLoop';
import { serveLocally, type LocalServer } from './benchServer';
import { buildPeople } from './peopleCsv';
import { startBoltFloor, type PromptUpdate } from './slackFloor';
import { profiled } from './profile';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { check, cpuRows, cpuWindow, floorRows, progress, type CpuUse } from './util';

const SECRET = 'bench-signing-secret';
const PATH = '/slack/events';

export interface SlackBenchOptions {
  people: number;
  /** chat.postMessage per second the fake workspace allows, and what the app may use (SLACK_RATE_PER_SECOND). */
  allowedPerSecond: number;
  /** The second, budget-bound fan-out. */
  smallPeople: number;
  smallAllowedPerSecond: number;
  submissions: number;
  concurrency: number;
}

interface Fanout {
  app: RunningApp;
  fake: RemoteFakeSlack;
  slackIds: string[];
  rows: Row[];
  note: string;
}

const count = (app: RunningApp, sql: string) => (app.db.$client.prepare(sql).get() as { n: number }).n;

/** Sends what is due until nothing is pending, sleeping until the next retry falls due (Retry-After, pacing). */
async function drainAll(app: RunningApp): Promise<void> {
  for (;;) {
    await app.dispatcher.drain();
    const next = app.db.$client.prepare(`select min(next_attempt_at) as at from deliveries where status = 'pending'`).get() as { at: string | null };
    if (!next.at) return;
    await new Promise((r) => setTimeout(r, Math.max(5, Date.parse(next.at!) - app.deps.now().getTime())));
  }
}

/** What one round of prompts cost: measured from the enqueue to the last prompt in Slack. */
async function round(app: RunningApp, fake: RemoteFakeSlack, S: string, people: number, allowed: number, callsBefore: number): Promise<{ rows: Row[]; note: string }> {
  progress(`${S}: promptStandupInSlices + outbox until every prompt is in Slack`);
  const t0 = performance.now();
  check((await promptStandupInSlices(app.deps, { manual: true })).asked === people, 'promptStandup did not ask everyone');
  const t1 = performance.now();
  await drainAll(app);
  const drainMs = performance.now() - t1;

  const sent = count(app, `select count(*) as n from deliveries where status = 'sent' and dedupe_key like 'standup-prompt:%'`);
  const dead = count(app, `select count(*) as n from deliveries where status = 'dead'`);
  const stats = await fake.stats();
  const post = stats.calls['chat.postMessage'] ?? { ok: 0, failed: 0, limited: 0 };
  check(sent === post.ok && dead === 0, `outbox ${sent} prompts sent / ${dead} dead, Slack took ${post.ok} messages`);
  const calls = Object.entries(stats.calls).reduce((n, [m, c]) => (m === 'auth.test' ? n : n + c.ok + c.failed), 0) - callsBefore;
  const idealMs = (Math.max(0, people - allowed) / allowed) * 1000;
  const rows: Row[] = [
    { scenario: S, metric: 'delivery rate: achieved vs allowed', result: perSec(people / (drainMs / 1000), 'msg'), baseline: perSec(people / (Math.max(idealMs, 1) / 1000), 'msg'), ratio: ratio(idealMs, drainMs) },
    numRow(S, 'drain until all sent vs ideal', drainMs, idealMs, ms),
    { scenario: S, metric: 'Web API calls per prompt (429s included)', result: (calls / people).toFixed(2), baseline: '1.00', ratio: ratio(calls, people) },
  ];
  const note =
    `${S}: enqueue ${ms(t1 - t0)}; ${fmtInt(post.limited)} chat.postMessage answered 429 + Retry-After so far and were retried by the outbox; ` +
    `ideal = (N - burst of ${fmtInt(allowed)}) / allowed rate`;
  return { rows, note: note };
}

const WEEK_MS = 7 * 86_400_000;

/**
 * One fan-out: N people on Slack, the fake allowing `allowed` messages a second workspace-wide (bursts of one
 * second's worth) and one a second per channel. The ideal drain is (N - burst) / allowed. Two rounds: the first
 * week, when every DM is opened (conversations.open + chat.postMessage), and — after a restart of the app on the
 * same database, its clock a week on — the next week, when every DM channel is known from the database (one call).
 */
async function fanout(dir: string, people: number, allowed: number, dmsAhead = false): Promise<Fanout & { nextWeek: () => Promise<{ rows: Row[]; note: string }> }> {
  const S = `slack fan-out ${fmtInt(people)} @ ${fmtInt(allowed)}/s`;
  const { csv, people: persons } = buildPeople(people);
  const slackIds = csv.trim().split('\n').slice(1).map((line) => line.split(',')[8]);
  const limits = { channelPerSecond: 1, channelBurst: 1, workspacePerSecond: allowed, workspaceBurst: allowed };
  const fake = await startRemoteFakeSlack({ recordArgs: false, limits }, persons.map((p, i) => ({ id: slackIds[i], email: p.email, name: p.name })));
  const env = { ...benchEnv(join(dir, `slack-${people}.db`)), SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SLACK_RATE_PER_SECOND: String(allowed) };
  const app = await startApp({ env, now: benchNow });
  try {
    const created = importPeople({ db: app.db, now: app.deps.now, defaults: { timezone: app.config.DEFAULT_TIMEZONE, locale: app.config.DEFAULT_LOCALE } }, csv).created;
    check(created === people, `import created ${created}, expected ${people}`);
    let ahead = '';
    if (dmsAhead) {
      // What a deployment has by its first Friday: the slack-dm-open job opened the DM channels after the import
      // (at Slack's Tier 3 pace, over hours; here as fast as the fake answers: setup, not measured).
      progress(`${S}: slack-dm-open (DM channels opened ahead of the first week)`);
      const t0 = performance.now();
      const opened = await openSlackDms(app.deps, { perMinute: 600_000 });
      check(opened.opened === people && opened.left === 0, `slack-dm-open opened ${opened.opened} of ${people}, ${opened.left} left`);
      ahead = `; ${fmtInt(opened.opened)} DM channels opened ahead by slack-dm-open (${ms(performance.now() - t0)}, setup)`;
    }
    const callsAhead = Object.entries((await fake.stats()).calls).reduce((n, [m, c]) => (m === 'auth.test' ? n : n + c.ok + c.failed), 0);
    const first = await round(app, fake, `${S}, first week${dmsAhead ? ', DMs opened ahead' : ''}`, people, allowed, callsAhead);
    first.note += ahead;
    const stats = await fake.stats();
    check(stats.dmCounts['1'] === people, `DMs by number of messages: ${JSON.stringify(stats.dmCounts)}; expected everyone exactly once`);
    const nextWeek = async () => {
      const stats = await fake.stats();
      const before = Object.entries(stats.calls).reduce((n, [m, c]) => (m === 'auth.test' ? n : n + c.ok + c.failed), 0);
      // A week passes for Slack too: its workspace bucket refills as it does between two Fridays. (Without this the
      // restart met a bucket the first week's round had emptied a moment before, 43 of 100 tokens at 100/s, while
      // the app's clock said a week had passed: ~20 × 429 in the first half second, 0.92–0.94 of the rate.)
      const { workspaceTokens } = await fake.advance(WEEK_MS);
      const later = await startApp({ env, now: () => new Date(benchNow().getTime() + WEEK_MS) });
      try {
        const r = await round(later, fake, `${S}, next week after a restart`, people, allowed, before);
        r.note += `; Slack's clock moved a week on with the app's (its workspace bucket ${stats.workspaceTokens?.toFixed(0)} → ${workspaceTokens?.toFixed(0)} of ${fmtInt(allowed)} tokens)`;
        const after = await fake.stats();
        check(after.dmCounts['2'] === people, `DMs by number of messages: ${JSON.stringify(after.dmCounts)}; expected everyone exactly twice`);
        return r;
      } finally {
        await later.close();
      }
    };
    return { app, fake, slackIds, rows: first.rows, note: first.note, nextWeek };
  } catch (err) {
    await app.close();
    await fake.close();
    throw err;
  }
}

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
  /** The server's CPU during the run; the fake Slack runs in its own process. */
  cpu: CpuUse;
}

/** Posts modal submissions signed as Slack signs them, from a client process, at fixed concurrency; all must be empty 200s. */
async function load(url: string, bodies: Submission[], client: { team: { id: string; domain: string }; appId: string }, concurrency: number, label: string): Promise<LoadResult> {
  const cpu = cpuWindow();
  const raw = await loadOnce('slackSignedPost', { url, path: PATH, secret: SECRET, concurrency, ...client }, bodies);
  const used = cpu.stop();
  const good = (raw.statuses['200'] ?? 0) - (raw.statuses.bad ?? 0);
  check(raw.requests === bodies.length && good === bodies.length, `${label}: ${bodies.length - good} of ${bodies.length} were not empty 200s; ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}`);
  return { ...latencyStats(raw), wallMs: raw.wallMs, cpu: used };
}

/** The baseline server: bare Express 5, express.urlencoded() on POST /slack/events, answering an empty 200. */
async function bareExpress(): Promise<LocalServer> {
  const web = express();
  web.post(PATH, express.urlencoded({ extended: false }), (_req, res) => {
    res.status(200).end();
  });
  return serveLocally(web);
}

/**
 * A submission as the client builds it (tests/bench/workers/slackSignedPost.mjs: a view_submission of the standup
 * modal, payload=<JSON>, signed when sent). The client process builds the ~2 KB bodies, so neither they (7 MB for
 * 3,000 in the heap snapshot) nor their trip over IPC are in the measured app's memory and CPU.
 */
interface Submission {
  userId: string;
  requestId: number;
  i: number;
}

/**
 * The open-loop rates. A submission is a person's whole standup (three answers), so the Friday peak of a
 * 10,000-person company is ~33/s (everyone within five minutes); 100/s is three times that and 250/s 7.5 times.
 */
const SUBMISSION_RATES: readonly OpenLoopRate[] = [
  { perSecond: 100, seconds: 12, why: '3x the Friday peak of 10,000 people' },
  { perSecond: 250, seconds: 6, why: '7.5x that' },
];

async function submissions(f: Fanout, opts: SlackBenchOptions): Promise<{ rows: Row[]; note: string }> {
  const S = 'slack view_submission (signed)';
  const requests = f.app.db.$client.prepare(`select id as requestId, person_id as personId from standup_requests order by person_id`).all() as { requestId: number; personId: number }[];
  const step = Math.max(1, Math.floor(requests.length / opts.submissions));
  const picked = requests.filter((_, i) => i % step === 0).slice(0, opts.submissions);
  check(picked.length === opts.submissions, `only ${picked.length} standup requests for ${opts.submissions} submissions`);
  const bodies: Submission[] = picked.map((r, i) => ({ userId: f.slackIds[r.personId - 1], requestId: r.requestId, i }));
  // The open loop's submissions answer other people's requests than the closed loop's, a group per rate.
  const others = requests.filter((_, i) => i % step !== 0 || i >= step * opts.submissions);
  const openGroups: Submission[][] = [];
  let next = bodies.length;
  for (const rate of SUBMISSION_RATES) {
    const n = jobsFor(rate);
    check(others.length >= n, `only ${others.length} standup requests left for the open loop at ${rate.perSecond}/s (${n} needed)`);
    openGroups.push(others.splice(0, n).map((r) => ({ userId: f.slackIds[r.personId - 1], requestId: r.requestId, i: next++ })));
  }
  const opened = openGroups.reduce((n, g) => n + g.length, 0);
  // A warm-up for each server before it is measured (the app, bare Express, the floor), on people of its own.
  check(others.length >= WARMUP_SUBMISSIONS, `only ${others.length} standup requests left for the warm-up`);
  const warmup = others.splice(0, WARMUP_SUBMISSIONS).map((r) => ({ userId: f.slackIds[r.personId - 1], requestId: r.requestId, i: next++ }));
  const client = { team: { id: f.fake.team.id, domain: f.fake.team.domain }, appId: f.fake.bot.appId };

  progress(`${S}: ${fmtInt(bodies.length)} modal submissions at concurrency ${opts.concurrency} (after ${fmtInt(warmup.length)} warm-up)`);
  await load(f.app.url, warmup, client, opts.concurrency, 'app warm-up');
  const got = await profiled('slack view_submission', () => load(f.app.url, bodies, client, opts.concurrency, 'app'));
  const openLoop = (url: string, label: string) => runOpenLoop('slackSignedPost', { url, path: PATH, secret: SECRET, ...client }, openGroups, SUBMISSION_RATES, `slack view_submission: ${label}`);
  const gotOpen = await openLoop(f.app.url, 'app');
  const answers = count(f.app, `select count(*) as n from standup_answers`);
  const updates = count(f.app, `select count(*) as n from deliveries where dedupe_key like 'standup-form:%'`);
  const submitted = bodies.length + opened + warmup.length;
  check(answers === 3 * submitted && updates === submitted, `expected ${3 * submitted} answers and ${submitted} prompt updates, found ${answers} and ${updates}`);

  progress('baseline: bare Express 5 + express.urlencoded(), same signed bodies, same client');
  const bare = await bareExpress();
  let base: LoadResult;
  let baseOpen: OpenLoopResult[];
  try {
    await load(bare.url, warmup, client, opts.concurrency, 'bare express warm-up');
    // profiled too (BENCH_PROFILE_DIR): what bare Express costs per request, beside the app's profile
    base = await profiled('slack view_submission bare express', () => load(bare.url, bodies, client, opts.concurrency, 'bare express'));
    baseOpen = await openLoop(bare.url, 'bare express');
  } finally {
    await bare.close();
  }
  const floor = await floorRun(f, bodies, warmup, client, opts.concurrency);
  return {
    rows: [
      { scenario: S, metric: `throughput (${fmtInt(bodies.length)} req, ${opts.concurrency} in flight)`, result: perSec(got.perSecond, 'req'), baseline: perSec(base.perSecond, 'req'), ratio: ratio(got.perSecond, base.perSecond) },
      ...cpuRows(S, got.cpu, base.cpu, { app: bodies.length, bare: bodies.length }, { cpuMetric: 'server CPU per request (main thread)', others: 'client, fake Slack' }),
      ...floorRows(
        S,
        { floor: "Bolt acking + the prompt's chat.update, nothing stored", request: 'request', p99: 'latency p99' },
        { ...got, cpuMs: got.cpu.mainMs, requests: bodies.length },
        { ...floor.run, cpuMs: floor.run.cpu.mainMs, requests: bodies.length },
        base.perSecond,
      ),
      numRow(S, 'latency p50', got.p50, base.p50, ms),
      numRow(S, 'latency p99', got.p99, base.p99, ms),
      numRow(S, 'latency max', got.max, base.max, ms),
      ...openLoopRows(S, SUBMISSION_RATES, gotOpen, baseOpen),
    ],
    note:
      `${S}: each request signature- and window-checked, parsed by Bolt, 3 answers + 1 point + the prompt update stored in one transaction ` +
      `before the answer (processBeforeResponse), while the outbox sends the chat.update calls; wall ${ms(got.wallMs)} (baseline ${ms(base.wallMs)}). ` +
      `The floor: the real Bolt App (ExpressReceiver, processBeforeResponse, Bolt's signature check) whose one view listener acks, then sends ` +
      `the same rendered chat.update of the same prompt through a WebClient with the app's options to the same fake Slack, storing nothing ` +
      `(tests/bench/slackFloor.ts); each server warmed first on ${fmtInt(WARMUP_SUBMISSIONS)} submissions of other people; ${fmtInt(floor.sent.ok)} updates answered ok, ${fmtInt(floor.sent.refused)} refused (429s, not retried). ` +
      openLoopNote('slack view_submission', SUBMISSION_RATES, gotOpen, baseOpen, (i) => `${fmtInt(openGroups[i].length)} people, one submission each`),
  };
}

/** Submissions that warm each server's code before it is measured (the app's, bare Express's, the floor's). */
const WARMUP_SUBMISSIONS = 500;

/**
 * The floor under the row (slackFloor.ts), fed the same bodies: each person's prompt update as the app sent it (its
 * outbox row's payload, rendered the same way, to the channel and ts the prompt got), so the fake does the same work.
 */
async function floorRun(f: Fanout, bodies: Submission[], warmup: Submission[], client: { team: { id: string; domain: string }; appId: string }, concurrency: number) {
  const sent = f.app.db.$client
    .prepare(
      `select d.person_id as personId, d.payload, d.external_ref as ref, p.locale from deliveries d join people p on p.id = d.person_id
       where d.dedupe_key like 'standup-form:%' and d.status = 'sent'`,
    )
    .all() as { personId: number; payload: string; ref: string; locale: string | null }[];
  const updates = new Map<string, PromptUpdate>();
  for (const row of sent) {
    const [channel, ts] = row.ref.split(':');
    const { text, blocks } = renderMessage(JSON.parse(row.payload) as OutboundMessage, asLocale(row.locale, 'en'));
    updates.set(f.slackIds[row.personId - 1], { channel, ts, text, blocks: blocks as unknown[] });
  }
  check([...bodies, ...warmup].every((b) => updates.has(b.userId)), 'the floor: a submission whose prompt update the app did not send');
  progress('the floor: Bolt acking + the prompt\'s chat.update (nothing stored), same signed bodies, same client, same fake Slack');
  const floor = await startBoltFloor({ signingSecret: SECRET, path: PATH, apiUrl: f.fake.apiUrl, token: f.fake.botToken, updates });
  let run: LoadResult;
  try {
    await load(floor.url, warmup, client, concurrency, 'the floor warm-up');
    run = await profiled('slack view_submission floor', () => load(floor.url, bodies, client, concurrency, 'the floor'));
  } finally {
    await floor.close(); // after the updates still in flight
  }
  return { run, sent: floor.updates() };
}

export async function runSlack(dir: string, opts: SlackBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  // The big fan-out is what a deployment sees on its first Friday (DMs opened ahead by slack-dm-open: one call per
  // prompt); the small one opens every DM at send time (two calls per prompt), the path for people new that week.
  const big = await fanout(dir, opts.people, opts.allowedPerSecond, true);
  let form: { rows: Row[]; note: string };
  let bigNext: { rows: Row[]; note: string };
  try {
    form = await submissions(big, opts);
    await big.app.close();
    bigNext = await big.nextWeek();
  } finally {
    await big.app.close().catch(() => undefined);
    await big.fake.close();
  }
  const small = await fanout(dir, opts.smallPeople, opts.smallAllowedPerSecond);
  let smallNext: { rows: Row[]; note: string };
  try {
    await small.app.close();
    smallNext = await small.nextWeek();
  } finally {
    await small.fake.close();
  }
  return {
    rows: [...big.rows, ...bigNext.rows, ...small.rows, ...smallNext.rows, ...form.rows],
    notes: [big.note, bigNext.note, small.note, smallNext.note, form.note],
  };
}
