import { Worker } from 'node:worker_threads';
import { check, quantile } from './util';

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

interface RawResult {
  wallMs: number;
  requests: number;
  latencies: Float64Array;
  statuses: Record<string, number>;
  failures: string[];
}

/** The one client both the app and its baseline are driven with: POST JSON {employee,text}, fixed concurrency. */
export class LoadClient {
  private readonly worker: Worker;

  constructor(opts: { url: string; path: string; headers: Record<string, string>; concurrency: number; timeoutMs?: number }) {
    this.worker = new Worker(new URL('./workers/loadClient.mjs', import.meta.url), {
      workerData: { ...opts, timeoutMs: opts.timeoutMs ?? 30_000 },
    });
  }

  /** Sends every text of every speaker; fails loudly unless every response was 200 with {ok:true}. */
  run(speakers: Speaker[], label: string): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.worker.once('error', onError);
      this.worker.once('message', (raw: RawResult) => {
        this.worker.off('error', onError);
        try {
          const expected = speakers.reduce((s, p) => s + p.texts.length, 0);
          const ok = raw.statuses['200'] ?? 0;
          check(raw.requests === expected, `${label}: sent ${raw.requests} requests, expected ${expected}`);
          check(
            ok === expected && !raw.statuses.bad,
            `${label}: ${expected - ok} of ${expected} responses were not 200 {ok:true}; statuses ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}\n` +
              '  (re-run with BENCH_LOG_LEVEL=error to see the server-side error)',
          );
          const sorted = raw.latencies.slice().sort();
          resolve({
            requests: raw.requests,
            wallMs: raw.wallMs,
            perSecond: raw.requests / (raw.wallMs / 1000),
            p50: quantile(sorted, 0.5),
            p99: quantile(sorted, 0.99),
            max: sorted[sorted.length - 1],
            ok,
          });
        } catch (err) {
          reject(err);
        }
      });
      this.worker.postMessage({ type: 'run', persons: speakers });
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await new Promise((r) => setTimeout(r, 20));
    await this.worker.terminate();
  }
}
