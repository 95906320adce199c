import { Worker } from 'node:worker_threads';
import { check, quantile } from './util';

/** What a load worker (workers/*.mjs on top of workers/httpLoad.mjs) answers for one `run`. */
export interface RawLoad {
  wallMs: number;
  requests: number;
  latencies: Float64Array;
  /** Responses per HTTP status, plus `bad` for every response the scenario did not count as good. */
  statuses: Record<string, number>;
  /** The first few bad responses, for the failure message. */
  failures: string[];
}

/** The scenario workers; each only builds its requests and judges its responses, the loop is shared. */
type LoadScript = 'answersPost' | 'slackSignedPost' | 'wecomCallbacks' | 'jiraSignedPost';

/**
 * One bench HTTP client in its own worker thread (so it does not share the server's event loop):
 * POSTs to 127.0.0.1 only, keep-alive, `concurrency` in flight; each job's requests are sent in order.
 */
export class LoadWorker<Job> {
  private readonly worker: Worker;

  constructor(script: LoadScript, data: { url: string; concurrency: number; timeoutMs?: number; [scenario: string]: unknown }) {
    this.worker = new Worker(new URL(`./workers/${script}.mjs`, import.meta.url), {
      workerData: { ...data, timeoutMs: data.timeoutMs ?? 30_000 },
    });
  }

  /** Sends the jobs' requests; with `durationMs`, no new job is started once that long has passed. */
  run(jobs: Job[], durationMs?: number): Promise<RawLoad> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.worker.once('error', onError);
      this.worker.once('message', (raw: RawLoad) => {
        this.worker.off('error', onError);
        resolve(raw);
      });
      this.worker.postMessage({ type: 'run', jobs, durationMs });
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await new Promise((r) => setTimeout(r, 20));
    await this.worker.terminate();
  }
}

/** Runs one batch of jobs on a fresh load worker and closes it. */
export async function loadOnce<Job>(script: LoadScript, data: ConstructorParameters<typeof LoadWorker>[1], jobs: Job[]): Promise<RawLoad> {
  const worker = new LoadWorker<Job>(script, data);
  try {
    return await worker.run(jobs);
  } finally {
    await worker.close();
  }
}

/** Throughput and latency quantiles of one run. */
export function latencyStats(raw: RawLoad): { perSecond: number; p50: number; p99: number; max: number } {
  const sorted = raw.latencies.slice().sort();
  return { perSecond: raw.requests / (raw.wallMs / 1000), p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

export interface Speaker {
  email: string;
  /** Posted in this order, each after the previous one's response. */
  texts: string[];
}

export interface LoadResult {
  requests: number;
  wallMs: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
}

/** The one client both the app and its baseline are driven with: POST JSON {employee,text}, fixed concurrency. */
export class LoadClient {
  private readonly worker: LoadWorker<Speaker>;

  constructor(opts: { url: string; path: string; headers: Record<string, string>; concurrency: number; timeoutMs?: number }) {
    this.worker = new LoadWorker('answersPost', opts);
  }

  /** Sends every text of every speaker; fails loudly unless every response was 200 with {ok:true}. */
  async run(speakers: Speaker[], label: string): Promise<LoadResult> {
    const raw = await this.worker.run(speakers);
    const expected = speakers.reduce((s, p) => s + p.texts.length, 0);
    const ok = raw.statuses['200'] ?? 0;
    check(raw.requests === expected, `${label}: sent ${raw.requests} requests, expected ${expected}`);
    check(
      ok === expected && !raw.statuses.bad,
      `${label}: ${expected - ok} of ${expected} responses were not 200 {ok:true}; statuses ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}\n` +
        '  (re-run with BENCH_LOG_LEVEL=error to see the server-side error)',
    );
    return { requests: raw.requests, wallMs: raw.wallMs, ...latencyStats(raw), ok };
  }

  /**
   * Posts for `durationMs` (jobs started before then are finished, each person's texts in order); returns what was
   * sent and how many came back 200 {ok:true}, without requiring every job to be done.
   */
  async runFor(speakers: Speaker[], durationMs: number): Promise<LoadResult & { raw: RawLoad }> {
    const raw = await this.worker.run(speakers, durationMs);
    const ok = (raw.statuses['200'] ?? 0) - (raw.statuses.bad ?? 0);
    return { requests: raw.requests, wallMs: raw.wallMs, ...latencyStats(raw), ok, raw };
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
