import { latencyStats, LoadWorker, type LoadScript } from './loadClient';
import { fmtInt, ms, numRow, type Row } from './table';
import { check, progress, quantile, stallMonitor } from './util';

/**
 * Open-loop rows: requests sent on a fixed schedule (httpLoad.mjs runAt), each latency from its due time, so a stall
 * delays and counts every request due during it (no coordinated omission). The closed-loop rows (16 in flight)
 * measure a queue at saturation; these measure what a person waits for at a given offered rate.
 */
export interface OpenLoopRate {
  perSecond: number;
  seconds: number;
  /** Why this rate, for the row's label: e.g. "Friday peak of 10,000 people". */
  why: string;
}

export interface OpenLoopResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** The 99th percentile of how late the client itself sent a request after its due time (its own timers). */
  lagP99: number;
  /** The longest event-loop stall of this process (where the app runs) during the run. */
  stallMs: number;
}

/** Sockets an open-loop client may open: far more than the rate times any latency seen, so none waits for one. */
const OPEN_LOOP_SOCKETS = 64;

/**
 * The rates of the rows where a request is one answer (the local chat's post, a WeCom callback). 100/s is the Friday
 * peak of a 10,000-person company, over-estimated on purpose: everyone answering all three questions within the same
 * five minutes (30,000 answers / 300 s); in practice a round's answers spread over the afternoon and its time zones.
 * 500/s is five times that, for headroom.
 */
export const ANSWER_RATES: readonly OpenLoopRate[] = [
  { perSecond: 100, seconds: 12, why: 'Friday peak of 10,000 people' },
  { perSecond: 500, seconds: 6, why: '5x that' },
];

/** How many requests of `stepsPerJob` each the rate's run needs: perSecond × seconds of them. */
export function jobsFor(rate: OpenLoopRate, stepsPerJob = 1): number {
  return Math.ceil((rate.perSecond * rate.seconds) / stepsPerJob);
}

/**
 * Every rate in turn, each on its own jobs (`groups[i]` for `rates[i]`), from one client process running `script`
 * with `data` (its url and the scenario's fields); fails loudly unless every response was good (the script's own
 * test: 200 {ok:true}, or the empty 200 Slack and WeCom expect).
 */
export async function runOpenLoop<Job>(
  script: LoadScript,
  data: { url: string; [scenario: string]: unknown },
  groups: Job[][],
  rates: readonly OpenLoopRate[],
  label: string,
  stepsOf: (job: Job) => number = () => 1,
): Promise<OpenLoopResult[]> {
  const worker = new LoadWorker<Job>(script, { ...data, concurrency: OPEN_LOOP_SOCKETS });
  try {
    return await eachRate(worker, groups, rates, label, stepsOf);
  } finally {
    await worker.close();
  }
}

async function eachRate<Job>(worker: LoadWorker<Job>, groups: Job[][], rates: readonly OpenLoopRate[], label: string, stepsOf: (job: Job) => number): Promise<OpenLoopResult[]> {
  const results: OpenLoopResult[] = [];
  for (const [i, rate] of rates.entries()) {
    const expected = groups[i].reduce((n, job) => n + stepsOf(job), 0);
    progress(`${label}: open loop at ${rate.perSecond}/s for ${rate.seconds} s (${fmtInt(expected)} requests)`);
    const stall = await stallMonitor();
    const raw = await worker.runAt(groups[i], rate.perSecond);
    const stallMs = await stall.stop();
    const good = (raw.statuses['200'] ?? 0) - (raw.statuses.bad ?? 0);
    check(
      raw.requests === expected && good === expected,
      `${label} @ ${rate.perSecond}/s: ${expected - good} of ${expected} responses were not good; statuses ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}`,
    );
    const { perSecond, p50, p99, max } = latencyStats(raw);
    results.push({ requests: raw.requests, perSecond, p50, p99, max, lagP99: quantile(raw.lags!.slice().sort(), 0.99), stallMs });
  }
  return results;
}

/** p50 / p99 / max rows per rate, the app against its baseline; the stall column is the app's own during the run. */
export function openLoopRows(scenario: string, rates: readonly OpenLoopRate[], app: OpenLoopResult[], base: OpenLoopResult[]): Row[] {
  return rates.flatMap((rate, i) => {
    const [a, b] = [app[i], base[i]];
    const at = `at ${rate.perSecond} req/s offered (open loop, ${rate.why})`;
    return [numRow(scenario, `latency p50 ${at}`, a.p50, b.p50, ms, a.stallMs), numRow(scenario, `latency p99 ${at}`, a.p99, b.p99, ms, a.stallMs), numRow(scenario, `latency max ${at}`, a.max, b.max, ms, a.stallMs)];
  });
}

/** The note under the table: what each rate sent and achieved, and the client's own send lag. */
export function openLoopNote(name: string, rates: readonly OpenLoopRate[], app: OpenLoopResult[], base: OpenLoopResult[], what: (i: number) => string): string {
  return (
    `${name}, open loop: ${rates.map((r, i) => `${r.perSecond}/s for ${r.seconds} s (${what(i)}, achieved ${fmtInt(app[i].perSecond)}/s app, ${fmtInt(base[i].perSecond)}/s bare; client send lag p99 ${ms(app[i].lagP99)} / ${ms(base[i].lagP99)})`).join(', ')}; ` +
    'each request due on a fixed schedule whatever the answers before it, latency from its due time (no coordinated omission); the stall column of these rows is the app\'s own during the run'
  );
}
