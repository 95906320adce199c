import express from 'express';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../../bot/app';
import { importPeople } from '../../bot/services/people/importPeople';
import { promptStandup } from '../../bot/services/standup/promptStandup';
import type { FakeUser } from '../support/fakeWecom';
import { startRemoteFakeWecom } from '../support/fakeWecomRemote';
import { PEOPLE_HEADER } from '../support/harness';
import { WECOM, WecomCallbacks, wecomEnv } from '../support/wecomHarness';
import { specEncrypt, specSignature } from '../support/wecomSpecCrypto';
import { serveLocally, type LocalServer } from './benchServer';
import { benchEnv, benchNow } from './fanout';
import { latencyStats, loadOnce, type RawLoad } from './loadClient';
import { ANSWER_RATES, jobsFor, openLoopNote, openLoopRows, runOpenLoop, type OpenLoopResult } from './openLoop';
import { profiled } from './profile';
import { startWecomFloor } from './wecomFloor';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { check, cpuRows, cpuWindow, floorRows, progress, type CpuUse } from './util';

const ANSWER = '完成了本周的接口联调';

export interface WecomBenchOptions {
  people: number;
  callbacks: number;
  warmup: number;
  concurrency: number;
}

/** Everyone in Shanghai speaking zh-CN: the opening card is then the same bytes for all, so it batches. */
function crowd(n: number): { csv: string; users: FakeUser[] } {
  const rows = Array.from({ length: n }, (_, i) => `W${i},员工${i},w${i}@bench.example.com,研发中心/Team ${Math.floor(i / 10)},,rnd,Asia/Shanghai,zh-CN,,wx${i},employee`);
  return { csv: `${[PEOPLE_HEADER, ...rows].join('\n')}\n`, users: Array.from({ length: n }, (_, i) => ({ userid: `wx${i}`, name: `员工${i}`, department: [1] })) };
}

/** The fake qyapi runs in a process of its own, as WeCom does: the scenario's CPU and memory are the app's. */
const startFake = (users: FakeUser[]) => startRemoteFakeWecom({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId }, users);
const counts = (app: RunningApp) =>
  app.db.$client.prepare(`select count(*) as total, coalesce(sum(status = 'sent'), 0) as sent, coalesce(sum(status = 'dead'), 0) as dead from deliveries`).get() as Record<'total' | 'sent' | 'dead', number>;

/**
 * Baseline for the fan-out: the same message/send bodies the app sent, posted straight to a fresh fake
 * (one gettoken, then the calls one after another) — the HTTP floor without the app's outbox work.
 */
async function directPosts(bodies: unknown[], users: FakeUser[]): Promise<number> {
  const fake = await startFake(users);
  try {
    const t0 = performance.now();
    const token = ((await (await fetch(`${fake.url}/cgi-bin/gettoken?corpid=${WECOM.corpId}&corpsecret=${WECOM.secret}`)).json()) as { access_token: string }).access_token;
    for (const body of bodies) {
      const res = await fetch(`${fake.url}/cgi-bin/message/send?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      check(((await res.json()) as { errcode: number }).errcode === 0, 'baseline message/send failed');
    }
    return performance.now() - t0;
  } finally {
    await fake.close();
  }
}

/** Posts the prepared callbacks from a client process at fixed concurrency; good = 200 with an empty body. */
function drive(url: string, requests: { path: string; body: string }[], concurrency: number): Promise<RawLoad> {
  return loadOnce('wecomCallbacks', { url, concurrency }, requests);
}

/** The baseline server: bare Express 5 reading the body as text and answering 200 with nothing. */
async function bareExpress(): Promise<LocalServer> {
  const web = express();
  web.post('/wecom/callback', express.text({ type: () => true }), (_req, res) => {
    res.status(200).end();
  });
  return serveLocally(web);
}

/** Encrypted, signed text callbacks from distinct people (each answers question 1 of their open standup). */
function callbackRequests(from: number, n: number): { path: string; body: string }[] {
  const xml = new WecomCallbacks('http://unused', { now: () => new Date() });
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const encrypted = specEncrypt(WECOM.aesKey, xml.textXml(`wx${i}`, ANSWER, String(900_000_000 + i)), WECOM.corpId);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = `n${i}`;
    return {
      path: `/wecom/callback?msg_signature=${specSignature(WECOM.token, timestamp, nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`,
      body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${WECOM.agentId}]]></AgentID></xml>`,
    };
  });
}

function summary(r: RawLoad) {
  return { ...latencyStats(r), ok: r.requests - (r.statuses.bad ?? 0) };
}

export async function runWecom(dir: string, opts: WecomBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const S1 = `wecom fan-out ${fmtInt(opts.people)}`;
  const S2 = 'wecom callbacks (encrypted)';
  const { csv, users } = crowd(opts.people);
  const fake = await startFake(users);
  const app = await startApp({ env: { ...benchEnv(join(dir, 'wecom.db')), ...wecomEnv(fake) }, now: benchNow });
  try {
    progress(`wecom: importing ${fmtInt(opts.people)} people with WeCom userids`);
    importPeople({ db: app.db, now: app.deps.now, defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' } }, csv);

    progress(`wecom: prompt fan-out to ${fmtInt(opts.people)} people through the fake qyapi`);
    const t0 = performance.now();
    const asked = promptStandup(app.deps, { manual: true }).asked;
    const enqueueMs = performance.now() - t0;
    for (let i = 0; i < 5 && counts(app).sent < opts.people; i++) await app.dispatcher.drain();
    const fanMs = performance.now() - t0;
    const c = counts(app);
    const delivered = await fake.summary();
    const sends = delivered.sends as { touser: string }[];
    const minimum = Math.ceil(opts.people / 1000);
    check(asked === opts.people && c.sent === opts.people && c.dead === 0, `wecom fan-out: asked ${asked}, outbox ${JSON.stringify(c)}`);
    check(sends.length <= minimum, `wecom fan-out used ${sends.length} message/send calls, at most ${minimum} expected`);
    check(delivered.inboxCounts['1'] === opts.people && delivered.dropped === 0, `wecom fan-out: cards per person ${JSON.stringify(delivered.inboxCounts)}, ${delivered.dropped} dropped; expected everyone exactly one`);
    const baseRuns = [];
    for (let i = 0; i < 3; i++) baseRuns.push(await directPosts(sends, users));
    const baseMs = baseRuns.sort((a, b) => a - b)[1];

    progress(`wecom: ${fmtInt(opts.callbacks)} encrypted callbacks at concurrency ${opts.concurrency} (after ${opts.warmup} warm-up)`);
    await drive(app.url, callbackRequests(0, opts.warmup), opts.concurrency);
    const measured = callbackRequests(opts.warmup, opts.callbacks);
    const pending = () => (app.db.$client.prepare(`select count(*) as n from wecom_inbound where processed_at is null`).get() as { n: number }).n;
    const { got, backlogMs, cpu } = await profiled('wecom callbacks', async () => {
      const usage = cpuWindow();
      const got = await drive(app.url, measured, opts.concurrency);
      const answeredAt = performance.now();
      while (pending() > 0 && performance.now() - answeredAt < 60_000) await new Promise((r) => setTimeout(r, 20));
      // the app's CPU per callback: answering and processing them (the fake qyapi answers from its own process)
      return { got, backlogMs: performance.now() - answeredAt, cpu: usage.stop() };
    });
    // Open loop, on people of their own (after the measured ones), then their backlog processed before the checks.
    let from = opts.warmup + opts.callbacks;
    const openGroups = ANSWER_RATES.map((r) => {
      const group = callbackRequests(from, jobsFor(r));
      from += group.length;
      return group;
    });
    check(from <= opts.people, `wecom callbacks: ${from} people needed for the open loop, only ${opts.people}`);
    // a WeCom answer is one callback: the local chat's rates
    const openLoop = (url: string, label: string) => runOpenLoop('wecomCallbacks', { url }, openGroups, ANSWER_RATES, `wecom callbacks: ${label}`);
    const gotOpen = await openLoop(app.url, 'app');
    for (const t = performance.now(); pending() > 0 && performance.now() - t < 60_000; ) await new Promise((r) => setTimeout(r, 20));
    const total = from;
    const replySends = ((await fake.summary()).sends as { touser: string }[]).slice(sends.length);
    const handled = (app.db.$client.prepare(`select count(*) as n from wecom_inbound where outcome = 'handled'`).get() as { n: number }).n;
    const answers = (app.db.$client.prepare(`select count(*) as n from standup_answers where answer = ?`).get(ANSWER) as { n: number }).n;
    check(handled === total && answers === total, `wecom callbacks: ${handled} handled, ${answers} answers stored, expected ${total}`);

    /** A baseline or floor server: the warm-up callbacks, then the measured ones, with its CPU over them (profiled if asked). */
    const warmThenMeasure = async (url: string, label: string): Promise<{ run: RawLoad; cpu: CpuUse }> => {
      await drive(url, callbackRequests(0, opts.warmup), opts.concurrency);
      const requests = callbackRequests(opts.warmup, opts.callbacks);
      const usage = cpuWindow();
      const run = await profiled(label, () => drive(url, requests, opts.concurrency));
      return { run, cpu: usage.stop() };
    };
    progress('wecom: baseline bare Express 5 + express.text(), same client and requests');
    const bare = await bareExpress();
    let base: RawLoad;
    let baseCpu: CpuUse;
    let baseOpen: OpenLoopResult[];
    try {
      // profiled too (BENCH_PROFILE_DIR): what bare Express costs per request, beside the app's profile
      ({ run: base, cpu: baseCpu } = await warmThenMeasure(bare.url, 'wecom callbacks bare express'));
      baseOpen = await openLoop(bare.url, 'bare express');
    } finally {
      await bare.close();
    }
    // The floor (wecomFloor.ts): the protocol, the record, the answer stored and the reply; the same requests, client and fake.
    // The app's replies differ only in their recipients and (for a card) its task_id, which is unique per card.
    const withoutRecipients = ({ touser: _, ...rest }: Record<string, unknown>) => rest;
    const sameness = (body: Record<string, unknown>) => JSON.stringify(body, (k, v) => (k === 'task_id' ? undefined : v));
    const reply = withoutRecipients(replySends[0] as Record<string, unknown>);
    check(
      replySends.every((body) => sameness(withoutRecipients(body as Record<string, unknown>)) === sameness(reply)),
      'wecom callbacks: the app sent different replies; the floor sends one',
    );
    progress('wecom: the floor: the protocol (signature, decrypt, parse), the record, the answer stored and the reply; same client, requests and fake');
    const floorServer = await startWecomFloor({ token: WECOM.token, aesKey: WECOM.aesKey, corpId: WECOM.corpId, secret: WECOM.secret, apiBase: fake.url, reply, dbPath: join(dir, 'wecom-floor.db') });
    let floorRun: RawLoad;
    let floorCpu: CpuUse;
    try {
      ({ run: floorRun, cpu: floorCpu } = await warmThenMeasure(floorServer.url, 'wecom callbacks floor'));
    } finally {
      await floorServer.close();
    }
    const floorSent = floorServer.sent();
    const a = summary(got);
    const b = summary(base);
    const f = summary(floorRun);
    check(f.ok === opts.callbacks && floorSent.people === opts.warmup + opts.callbacks, `the floor: ${f.ok} of ${opts.callbacks} answered 200, ${floorSent.people} replies sent`);
    check(a.ok === opts.callbacks && b.ok === opts.callbacks, `callbacks: ${a.ok} (app) / ${b.ok} (bare) of ${opts.callbacks} answered 200 with an empty body; ${got.failures.join('; ')}`);

    const rows: Row[] = [
      { scenario: S1, metric: 'message/send calls (baseline: ceil(N/1000))', result: fmtInt(sends.length), baseline: fmtInt(minimum), ratio: ratio(sends.length, minimum) },
      numRow(S1, 'wall: enqueue + drain until all sent', fanMs, baseMs, ms),
      { scenario: S1, metric: 'throughput end to end', result: perSec(opts.people / (fanMs / 1000), 'deliveries'), baseline: perSec(opts.people / (baseMs / 1000), 'deliveries'), ratio: ratio(opts.people / fanMs, opts.people / baseMs) },
      { scenario: S2, metric: `throughput (${fmtInt(opts.callbacks)} req, ${opts.concurrency} in flight)`, result: perSec(a.perSecond, 'req'), baseline: perSec(b.perSecond, 'req'), ratio: ratio(a.perSecond, b.perSecond) },
      ...cpuRows(S2, cpu, baseCpu, { app: opts.callbacks, bare: opts.callbacks }, { cpuMetric: 'server CPU per callback (main thread, processing included)', others: 'client, fake qyapi' }),
      ...floorRows(
        S2,
        { floor: 'the protocol, the record, the answer stored and the reply', request: 'callback', p99: 'latency p99 (until the 200)' },
        { ...a, cpuMs: cpu.mainMs, requests: opts.callbacks },
        { ...f, cpuMs: floorCpu.mainMs, requests: opts.callbacks },
        b.perSecond,
      ),
      numRow(S2, 'latency p50 (until the 200)', a.p50, b.p50, ms),
      numRow(S2, 'latency p99 (until the 200)', a.p99, b.p99, ms),
      numRow(S2, 'latency max', a.max, b.max, ms),
      ...openLoopRows(S2, ANSWER_RATES, gotOpen, baseOpen),
    ];
    const notes = [
      `wecom fan-out: ${fmtInt(c.sent)} cards in ${sends.length} message/send calls (${sends.map((s) => s.touser.split('|').length).join('+')} recipients), ` +
        `0 dropped by member limits; enqueue (promptStandup) ${ms(enqueueMs)} + drain ${ms(fanMs - enqueueMs)}; baseline = the same ${sends.length} bodies POSTed straight to a fresh fake qyapi (gettoken + calls in sequence, median of 3)`,
      `wecom callbacks: each verified (constant-time signature), decrypted, corp id checked, XML parsed and recorded before the 200; ` +
        `all ${fmtInt(opts.warmup + opts.callbacks)} of the closed loop processed (answer stored, next question sent) ${ms(backlogMs)} after its last 200, and the open loop's after theirs; their replies went out in ` +
        `${fmtInt(replySends.length)} message/send calls (${(total / Math.max(1, replySends.length)).toFixed(1)} people each on average); baseline = bare Express 5 + express.text() answering an empty 200; ` +
        `the floor = Express 5 + express.text(), the signature by @wecom/crypto compared, the payload decrypted by @wecom/crypto, validated and parsed by fast-xml-parser, ` +
        `recorded under its retry key (one commit per turn), an empty 200; then per turn one transaction stores the answers, moves the conversations on, marks the callbacks processed ` +
        `and puts the replies in an outbox, the app's reply goes to everyone answered in the turn in one message/send through the same keep-alive transport to the same fake, and one transaction marks them sent ` +
        `(tests/bench/wecomFloor.ts): ${fmtInt(floorSent.people)} replies in ${fmtInt(floorSent.calls)} calls`,
      openLoopNote('wecom callbacks', ANSWER_RATES, gotOpen, baseOpen, (i) => `${fmtInt(openGroups[i].length)} people, one callback each; latency until the 200`),
    ];
    return { rows, notes };
  } finally {
    await app.close();
    await fake.close();
  }
}
