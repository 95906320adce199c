import express from 'express';
import { dirname, join } from 'node:path';
import type { RunningApp } from '../../bot/app';
import { startAnswersFloor } from './answersFloor';
import { serveLocally, type LocalServer } from './benchServer';
import { ADMIN_PASSWORD } from './fanout';
import { LoadClient, type LoadResult, type Speaker } from './loadClient';
import { ANSWER_RATES, jobsFor, openLoopNote, openLoopRows, runOpenLoop, type OpenLoopResult } from './openLoop';
import type { BenchDirectory } from './peopleCsv';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { profiled } from './profile';
import { check, cpuRows, cpuWindow, floorRows, progress, type CpuUse } from './util';

export const PATH = '/api/local/messages';
/** Three answers in question order; the obstacles answer is "none" so no manager alert is raised. */
export const TEXTS = ['Finished the weekly report and two code reviews', 'none', 'Prepare the customer demo for Thursday'];

export interface AnswersOptions {
  requests: number;
  concurrency: number;
  warmupPeople: number;
}

export async function login(app: RunningApp): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: ADMIN_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  check(res.status === 200, `login answered ${res.status}: ${JSON.stringify(body)}`);
  check(cookie.startsWith('perf_session=') && body.csrfToken, `login gave no perf_session cookie / csrfToken`);
  return { cookie, csrf: body.csrfToken };
}

/**
 * Disjoint groups of speakers spread over the whole directory (managers and reports, every zone): group g takes one
 * person of every block of `step` people, at an offset of its own. Group 0 is the measured closed-loop run.
 */
function pickSpeakers(people: BenchDirectory, sizes: number[]): Speaker[][] {
  const step = Math.floor(people.count / sizes[0]);
  check(step >= sizes.length && sizes.every((n) => n <= sizes[0]), `not enough people (${people.count}) for speaker groups of ${sizes.join(', ')}`);
  const speaker = (i: number): Speaker => ({ email: people.email(i), texts: TEXTS });
  return sizes.map((n, g) => Array.from({ length: n }, (_, i) => speaker(i * step + ((i + g) % step))));
}

/** Warm-up, then the measured run; `cpu` is the server's during the measured run. */
async function drive(url: string, headers: Record<string, string>, concurrency: number, speakers: { measured: Speaker[]; warmup: Speaker[] }, label: string): Promise<LoadResult & { cpu: CpuUse }> {
  const client = new LoadClient({ url, path: PATH, headers, concurrency });
  try {
    await client.run(speakers.warmup, `${label} warm-up`);
    const cpu = cpuWindow();
    const result = await profiled(`answers-${label}`, () => client.run(speakers.measured, label));
    return { ...result, cpu: cpu.stop() };
  } finally {
    await client.close();
  }
}

/** The baseline server: bare Express 5, one express.json() POST endpoint answering {ok:true}. */
export async function bareExpress(): Promise<LocalServer> {
  const web = express();
  web.post(PATH, express.json(), (_req, res) => {
    res.json({ ok: true });
  });
  return serveLocally(web);
}

function verifyAnswers(app: RunningApp, speakers: number): void {
  const q = (sql: string) => (app.db.$client.prepare(sql).get() as { n: number }).n;
  const answers = q('select count(*) as n from standup_answers');
  const inOrder = q(
    `select count(*) as n from standup_answers
     where (question_index = 0 and answer = '${TEXTS[0]}') or (question_index = 1 and answer = '${TEXTS[1]}') or (question_index = 2 and answer = '${TEXTS[2]}')`,
  );
  const completed = q('select count(*) as n from standup_requests where completed_at is not null');
  const shown = q(`select count(*) as n from local_messages where sender = 'person'`);
  const pending = q(`select count(*) as n from deliveries where status != 'sent'`);
  check(answers === speakers * 3 && inOrder === answers, `expected ${speakers * 3} answers each on its own question, found ${answers} (${inOrder} matching)`);
  check(completed === speakers, `expected ${speakers} completed standups, found ${completed}`);
  check(shown === speakers * 3, `expected ${speakers * 3} person messages in the local chat, found ${shown}`);
  check(pending === 0, `${pending} deliveries are not sent after the answers`);
}

export async function runAnswers(app: RunningApp, people: BenchDirectory, opts: AnswersOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const S = 'answers via local chat API';
  const openSizes = ANSWER_RATES.map((r) => jobsFor(r, TEXTS.length));
  const [measured, warmup, ...openGroups] = pickSpeakers(people, [Math.floor(opts.requests / TEXTS.length), opts.warmupPeople, ...openSizes]);
  const speakers = { measured, warmup };
  const { cookie, csrf } = await login(app);
  const headers = { cookie, 'x-csrf-token': csrf };

  progress(`answers: ${fmtInt(speakers.measured.length * 3)} POST ${PATH} at concurrency ${opts.concurrency} (after ${speakers.warmup.length * 3} warm-up)`);
  const got = await drive(app.url, headers, opts.concurrency, speakers, 'app');
  const openLoop = (url: string, label: string) => runOpenLoop('answersPost', { url, path: PATH, headers }, openGroups, ANSWER_RATES, `answers: ${label}`, (s: Speaker) => s.texts.length);
  const gotOpen = await openLoop(app.url, 'app');
  await app.dispatcher.drain();
  verifyAnswers(app, speakers.measured.length + speakers.warmup.length + openSizes.reduce((a, b) => a + b, 0));

  progress('baseline: bare Express 5 + express.json(), same client');
  const bare = await bareExpress();
  let base: LoadResult & { cpu: CpuUse };
  let baseOpen: OpenLoopResult[];
  try {
    base = await drive(bare.url, headers, opts.concurrency, speakers, 'bare express');
    baseOpen = await openLoop(bare.url, 'bare express');
  } finally {
    await bare.close();
  }

  // The floor (answersFloor.ts): the session check, the record and the reply alone, the same client and speakers.
  progress('answers: the floor: session check, the answer and the reply recorded, nothing else; same client');
  const reply = (app.db.$client.prepare(`select body from local_messages where sender = 'bot' order by id desc limit 1`).get() as { body: string }).body;
  const floorServer = await startAnswersFloor({
    path: PATH,
    dbPath: join(dirname(app.config.DATABASE_PATH), 'answers-floor.db'),
    session: { token: cookie.slice(cookie.indexOf('=') + 1), csrf },
    emails: Array.from({ length: people.count }, (_, i) => people.email(i)),
    reply,
  });
  let floor: LoadResult & { cpu: CpuUse };
  try {
    floor = await drive(floorServer.url, headers, opts.concurrency, speakers, 'the floor');
  } finally {
    await floorServer.close();
  }
  check(floor.ok === floor.requests, `the floor: ${floor.requests - floor.ok} of ${floor.requests} were not 200 {ok:true}`);

  const rows: Row[] = [
    {
      scenario: S,
      metric: `throughput (${fmtInt(got.requests)} req, ${opts.concurrency} in flight)`,
      result: perSec(got.perSecond, 'req'),
      baseline: perSec(base.perSecond, 'req'),
      ratio: ratio(got.perSecond, base.perSecond),
    },
    ...cpuRows(S, got.cpu, base.cpu, { app: got.requests, bare: base.requests }, { cpuMetric: 'server CPU per request (main thread)', others: 'client' }),
    ...floorRows(
      S,
      { floor: 'session check, the answer and the reply recorded', request: 'request', p99: 'latency p99' },
      { ...got, cpuMs: got.cpu.mainMs },
      { ...floor, cpuMs: floor.cpu.mainMs },
      base.perSecond,
    ),
    numRow(S, 'latency p50', got.p50, base.p50, ms),
    numRow(S, 'latency p99', got.p99, base.p99, ms),
    numRow(S, 'latency max', got.max, base.max, ms),
    ...openLoopRows(S, ANSWER_RATES, gotOpen, baseOpen),
    {
      scenario: S,
      metric: 'responses 200 {ok:true}',
      result: `${fmtInt(got.ok)}/${fmtInt(got.requests)}`,
      baseline: `${fmtInt(base.ok)}/${fmtInt(base.requests)}`,
      ratio: ratio(got.ok / got.requests, base.ok / base.requests),
    },
  ];
  const notes = [
    `answers: wall ${ms(got.wallMs)} (baseline ${ms(base.wallMs)}); ${speakers.measured.length} people x 3 answers in order, each person's posts sequential, after ${fmtInt(speakers.warmup.length * 3)} warm-up posts (both servers); ` +
      `all answers stored on the right question, ${speakers.measured.length + speakers.warmup.length + openSizes.reduce((a, b) => a + b, 0)} standups completed, outbox empty; ` +
      `the floor = Express 5 + express.json(), the session cookie's row read and the CSRF header compared, the person found by e-mail, the answer and the bot's reply ` +
      `recorded before the 200 (two inserts, one commit per turn), {ok:true} (tests/bench/answersFloor.ts)`,
    openLoopNote('answers', ANSWER_RATES, gotOpen, baseOpen, (i) => `${fmtInt(openGroups[i].length)} people x 3, a person's next answer due people/rate seconds after the previous one`),
  ];
  return { rows, notes };
}
