/**
 * `npm run bench -- load`: 50 clients posting answers through the local chat API for 30 s (BENCH_LOAD_SECONDS), each
 * client one person at a time (their three answers in order), against bare Express 5 driven the same way for the
 * same time. 127.0.0.1 only (the load worker refuses anything else). "Lost" = an answer the client sent that did
 * not come back 200 {ok:true}, or came back so and is not in the database.
 */
import type { RunningApp } from '../../bot/app';
import { bareExpress, login, PATH, TEXTS } from './answers';
import { LoadClient, type Speaker } from './loadClient';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { check, cpuRows, cpuWindow, progress } from './util';

export interface LoadOptions {
  clients: number;
  seconds: number;
}

const count = (app: RunningApp, sql: string) => (app.db.$client.prepare(sql).get() as { n: number }).n;

/** People whose standup is open and unanswered (the answers scenario took others): each one a client's job. */
function freshSpeakers(app: RunningApp): Speaker[] {
  const rows = app.db.$client
    .prepare(
      `select p.email from people p join standup_requests r on r.person_id = p.id
       where r.completed_at is null and not exists (select 1 from standup_answers a where a.request_id = r.id) order by p.id`,
    )
    .all() as { email: string }[];
  return rows.map((r) => ({ email: r.email, texts: TEXTS }));
}

export async function runLoad(app: RunningApp, opts: LoadOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const S = `load: ${opts.clients} clients posting answers for ${opts.seconds} s`;
  const speakers = freshSpeakers(app);
  check(speakers.length >= opts.clients * 2, `only ${speakers.length} people with an open, unanswered standup for ${opts.clients} clients`);
  const { cookie, csrf } = await login(app);
  const headers = { cookie, 'x-csrf-token': csrf };
  const durationMs = opts.seconds * 1000;

  progress(`${S}: the app (${fmtInt(speakers.length)} people available)`);
  const answersBefore = count(app, 'select count(*) as n from standup_answers');
  const client = new LoadClient({ url: app.url, path: PATH, headers, concurrency: opts.clients });
  let got;
  const cpu = cpuWindow();
  try {
    got = await client.runFor(speakers, durationMs);
    got = { ...got, cpu: cpu.stop() };
  } finally {
    await client.close();
  }
  await app.dispatcher.drain();
  const stored = count(app, 'select count(*) as n from standup_answers') - answersBefore;
  const pending = count(app, `select count(*) as n from deliveries where status != 'sent'`);
  // Every answer acknowledged is stored, and nothing was acknowledged that is not: lost = sent - stored.
  const lost = got.requests - stored;
  check(got.ok === stored, `${S}: ${got.ok} answers acknowledged 200 {ok:true} but ${stored} stored; statuses ${JSON.stringify(got.raw.statuses)}\n  ${got.raw.failures.join('\n  ')}`);
  check(pending === 0, `${S}: ${pending} deliveries not sent after the load`);

  progress(`${S}: baseline bare Express 5 + express.json(), same client, same time`);
  const bare = await bareExpress();
  const baseClient = new LoadClient({ url: bare.url, path: PATH, headers, concurrency: opts.clients });
  let base;
  const baseCpu = cpuWindow();
  try {
    // The app's side ends when its people with an open standup run out (the answers scenario took some; 10-20 s at
    // 1,000-2,200 answers/s): the baseline posts for as long as the app's side actually ran, so both figures cover the
    // same length of time. The bare server stores nothing and is faster: every person three times over.
    base = await baseClient.runFor([...speakers, ...speakers, ...speakers], Math.min(durationMs, got.wallMs));
    base = { ...base, cpu: baseCpu.stop() };
  } finally {
    await baseClient.close();
    await bare.close();
  }
  check(base.ok === base.requests, `bare express: ${base.requests - base.ok} of ${base.requests} were not 200 {ok:true}`);

  const rows: Row[] = [
    { scenario: S, metric: 'throughput', result: perSec(got.perSecond, 'req'), baseline: perSec(base.perSecond, 'req'), ratio: ratio(got.perSecond, base.perSecond) },
    ...cpuRows(S, got.cpu, base.cpu, { app: got.requests, bare: base.requests }, { cpuMetric: 'server CPU per request (main thread)', others: 'clients' }),
    numRow(S, 'latency p50', got.p50, base.p50, ms),
    numRow(S, 'latency p99', got.p99, base.p99, ms),
    numRow(S, 'latency max', got.max, base.max, ms),
    { scenario: S, metric: 'lost (sent - stored)', result: fmtInt(lost), baseline: fmtInt(base.requests - base.ok), ratio: lost === 0 ? '-' : 'n/a' },
  ];
  const notes = [
    `${S}: ${fmtInt(got.requests)} answers sent in ${ms(got.wallMs)}, ${fmtInt(stored)} stored, outbox empty after; ` +
      `baseline ${fmtInt(base.requests)} requests in ${ms(base.wallMs)} (for as long as the app's side ran${got.wallMs < durationMs ? `: it ran out of people with an open standup before ${opts.seconds} s` : ''})`,
  ];
  return { rows, notes };
}
