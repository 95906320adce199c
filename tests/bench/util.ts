import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { processPeakRss, startRssSampler, type RssResult } from './rss';

export class BenchFailure extends Error {}

/** Fails the whole bench loudly: a number measured on a broken run is worse than no number. */
export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new BenchFailure(message);
}

export function tmpDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function progress(message: string): void {
  currentPhase = message;
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s]${process.env.BENCH_TRACE_MEMORY ? ` ${memoryNow()}` : ''} ${message}\n`);
}

/**
 * BENCH_TRACE_MEMORY=1: every progress line says where the memory is (MB): RSS and its anonymous and file-backed
 * parts (Linux), the peak so far, V8's heap used/committed, external.
 */
function memoryNow(): string {
  const m = process.memoryUsage();
  const f = (n: number) => (n / 1e6).toFixed(0);
  let st = '';
  try {
    st = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // not Linux: RSS alone
  }
  const kb = (k: string) => (Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(st)?.[1] ?? 0) / 1e3).toFixed(0);
  return `{anon ${kb('RssAnon')} file ${kb('RssFile')} rss ${f(m.rss)} peak ${f(processPeakRss())} heap ${f(m.heapUsed)}/${f(m.heapTotal)} external ${f(m.external)}}`;
}

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * Longest time the main thread's event loop could not run a timer. The histogram only starts recording
 * after its first tick, so this waits a few resolutions before returning. It records a block only when its timer
 * runs after it, so `stop` lets the timer run once more before reading: a scenario that ends in synchronous work
 * (or awaits only microtasks, as a chain of `await`s on plain values does) would otherwise show no stall at all.
 */
export async function stallMonitor(): Promise<{ stop: () => Promise<number> }> {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, 25));
  return {
    stop: async () => {
      await new Promise((r) => setTimeout(r, 15));
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

export interface Measured {
  ms: number;
  /** CPU time of this process (user + system, all threads) while the work ran: less noisy than wall time on a shared machine. */
  cpuMs: number;
  rss: RssResult;
  stallMs: number;
}

/** Runs `work` with RSS sampled every 20 ms from another thread, CPU time and the main thread's longest stall recorded. */
export async function measure(work: () => Promise<unknown> | unknown): Promise<Measured> {
  const sampler = await startRssSampler(20);
  const stall = await stallMonitor();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, stallMs: await stall.stop(), rss: await sampler.stop() };
}

/** The longest stall of an idle event loop over `ms` right now: the floor under every stall figure of this run. */
export async function idleStall(ms: number): Promise<number> {
  const stall = await stallMonitor();
  await new Promise((r) => setTimeout(r, ms));
  return await stall.stop();
}

/**
 * CPU time (user + system, ms) of this process's main thread alone, where the server under test runs (the load
 * clients run in processes of their own; the WAL checkpointer's and the logger's threads are not counted). Read from
 * /proc/self/task/<pid>/stat (Linux, 10 ms ticks); elsewhere the whole process's CPU (process.cpuUsage).
 */
export function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the command: state(0) … utime is field 14 of the line, i.e. index 11 here, stime index 12
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}
const TICKS_PER_SECOND = 100;

/**
 * BENCH_TRACE_STALLS=/some/dir: every turn of this process's event loop longer than BENCH_TRACE_STALLS_MS (default
 * 50) is recorded with its start and end on the monotonic clock the V8 CPU profiler uses (microseconds) and the bench
 * phase it fell in (the last progress line), and written at exit as `<dir>/stalls-<pid>.json`. Run the bench as
 * `node --cpu-prof --cpu-prof-dir=<dir> --import tsx tests/bench/run.ts …` (NODE_OPTIONS may not carry --cpu-prof; the
 * scenario processes inherit the flags) and `npx tsx tests/bench/stallReport.ts <dir>` names the functions that ran in
 * each stall and how many 1 ms profile samples fell in it (few samples in a long stall: the process was descheduled).
 * A 2 ms timer measures the gaps, so a traced run's figures are not comparable with an untraced one's.
 */
let currentPhase = 'start';
function traceStalls(dir: string): void {
  const bound = Number(process.env.BENCH_TRACE_STALLS_MS ?? 50);
  const stalls: { startUs: number; endUs: number; ms: number; phase: string }[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  let last = nowUs();
  let lastPhase = currentPhase;
  setInterval(() => {
    const now = nowUs();
    const gapMs = (now - last) / 1000 - 2;
    if (gapMs > bound) stalls.push({ startUs: last, endUs: now, ms: Math.round(gapMs * 10) / 10, phase: lastPhase });
    last = now;
    lastPhase = currentPhase;
  }, 2).unref();
  process.on('exit', () => {
    writeFileSync(join(dir, `stalls-${process.pid}.json`), JSON.stringify({ pid: process.pid, argv: process.argv.slice(2), child: process.env.BENCH_CHILD ?? process.env.BENCH_TASK ?? 'main', stalls }));
  });
}
if (process.env.BENCH_TRACE_STALLS) traceStalls(process.env.BENCH_TRACE_STALLS);
