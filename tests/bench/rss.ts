import { Worker } from 'node:worker_threads';

export interface RssResult {
  /** RSS right before the measured work started. */
  start: number;
  peak: number;
  delta: number;
  samples: number;
}

/** Starts sampling RSS every `intervalMs` in a worker thread; `stop()` returns the peak. */
export async function startRssSampler(intervalMs = 20): Promise<{ stop: () => Promise<RssResult> }> {
  const worker = new Worker(new URL('./workers/rssSampler.mjs', import.meta.url), { workerData: { intervalMs } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const start = process.memoryUsage.rss();
  return {
    stop: () =>
      new Promise<RssResult>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (m: { type: string; peak: number; samples: number }) => {
          if (m.type !== 'result') return;
          const peak = Math.max(m.peak, start);
          resolve({ start, peak, delta: peak - start, samples: m.samples });
          void worker.terminate();
        });
        worker.postMessage('stop');
      }),
  };
}
