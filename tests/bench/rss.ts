import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fromRoot } from '../../db/projectRoot';

export interface RssResult {
  /** RSS right before the measured work started. */
  start: number;
  peak: number;
  delta: number;
  /** How the peak was found: the kernel's high-water mark (exact) or 20 ms samples from a worker thread. */
  method: 'high-water mark' | 'samples';
  /** Samples taken (0 with the high-water mark). */
  samples: number;
}

/**
 * Linux keeps each process's peak RSS (VmHWM in /proc/self/status) and resets it to the current RSS when `5` is
 * written to /proc/self/clear_refs. That gives the exact peak of a stretch of work with nothing of the bench's own
 * running beside it (a sampling worker thread is an isolate of ~10 MB that the figure would include).
 */
function readHighWaterMark(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

let canReset: boolean | undefined;
/** The highest high-water mark seen before a reset: the scenario's peak must still include it. */
let peakBeforeResets = 0;

function resetHighWaterMark(): boolean {
  if (canReset === false) return false;
  const before = readHighWaterMark();
  if (before === undefined) return (canReset = false);
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    peakBeforeResets = Math.max(peakBeforeResets, before);
    return (canReset = true);
  } catch {
    return (canReset = false);
  }
}

/**
 * The peak RSS of this process since it started (the scenario's figure: setup included), resets for measured
 * stretches notwithstanding. Where the kernel's mark is unavailable, getrusage's maxRSS.
 */
export function processPeakRss(): number {
  const now = readHighWaterMark();
  return now === undefined ? process.resourceUsage().maxRSS * 1024 : Math.max(peakBeforeResets, now);
}

/** Starts measuring the peak RSS of what runs until `stop()`: the kernel's high-water mark, else sampled every `intervalMs`. */
export async function startRssSampler(intervalMs = 20): Promise<{ stop: () => Promise<RssResult> }> {
  if (resetHighWaterMark()) {
    const start = process.memoryUsage.rss();
    return {
      stop: async () => {
        const peak = Math.max(readHighWaterMark() ?? 0, start);
        return { start, peak, delta: peak - start, method: 'high-water mark', samples: 0 };
      },
    };
  }
  const worker = new Worker(fromRoot('tests', 'bench', 'workers', 'rssSampler.mjs'), { workerData: { intervalMs } });
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
          resolve({ start, peak, delta: peak - start, method: 'samples', samples: m.samples });
          void worker.terminate();
        });
        worker.postMessage('stop');
      }),
  };
}
