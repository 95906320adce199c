import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export class BenchFailure extends Error {}

/** Fails the whole bench loudly: a number measured on a broken run is worse than no number. */
export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new BenchFailure(message);
}

export function tmpDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * Longest time the main thread's event loop could not run a timer. The histogram only starts recording
 * after its first tick, so this waits a few resolutions before returning.
 */
export async function stallMonitor(): Promise<{ stop: () => number }> {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, 25));
  return {
    stop: () => {
      h.disable();
      return h.max / 1e6;
    },
  };
}

/** Value at quantile q (0..1) of an ascending-sorted array, nearest-rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
