import { mkdtempSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { processPeakRss, startRssSampler, type RssResult } from './rss';
import { ms, numRow, perSec, ratio, type Row } from './table';

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
 * While it runs, turns over LONG_TURN_MS are kept with where the main thread's time went (watchLongTurns), for the
 * notes under the table; `record: false` for the scenario-wide monitor and for baselines that block on purpose.
 */
export async function stallMonitor(opts: { record?: boolean } = {}): Promise<{ stop: () => Promise<number> }> {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const record = opts.record !== false;
  if (record) startRecording();
  await new Promise((r) => setTimeout(r, 25));
  return {
    stop: async () => {
      await new Promise((r) => setTimeout(r, 15));
      h.disable();
      if (record) stopRecording();
      return h.max / 1e6;
    },
  };
}

/** Turns over this bound, while a row is measured, are listed under the table (takeMeasuredTurns). */
export const LONG_TURN_MS = 40;
let recording = 0;
let watcher: { stop: () => LongTurn[] } | undefined;
const measuredTurns: LongTurn[] = [];
function startRecording(): void {
  if (recording++ === 0) watcher = watchLongTurns(LONG_TURN_MS);
}
function stopRecording(): void {
  if (--recording === 0 && watcher) measuredTurns.push(...watcher.stop());
}
/** The long turns recorded while rows were measured since the last call. */
export function takeMeasuredTurns(): LongTurn[] {
  return measuredTurns.splice(0);
}

/** A turn of the event loop that held it past the bound, and where the main thread's time went meanwhile. */
export interface LongTurn {
  ms: number;
  phase: string;
  /** on the CPU (user + system) */
  cpuMs: number;
  /** runnable, but waiting for a core: the machine's other threads and processes had both */
  waitMs: number;
  /** neither: asleep in a system call, a lock, a page fault or a wait for GC helper threads */
  asleepMs: number;
}

/**
 * Every turn of this process's event loop longer than `boundMs`, split by the kernel's accounting of the main
 * thread (/proc/thread-self/schedstat: time on a CPU, time runnable on a run queue) into the time it ran, the time it
 * waited for a core and the time it slept. A stall that is mostly waiting for a core is the 2-core machine's
 * scheduling (the bench's clients, fakes, the checkpoint and GC threads), not work on the loop. A 5 ms timer reads
 * the file (~1.4 µs a read); where there is no such file (not Linux) it records nothing.
 */
export function watchLongTurns(boundMs: number): { stop: () => LongTurn[] } {
  const turns: LongTurn[] = [];
  const first = mainSched();
  if (!first) return { stop: () => turns };
  const PERIOD = 5;
  let last = performance.now();
  let [run0, wait0] = first;
  let phase = currentPhase;
  const timer = setInterval(() => {
    const now = performance.now();
    const [run, wait] = mainSched()!;
    const wall = now - last;
    if (wall - PERIOD > boundMs) {
      const cpuMs = run - run0;
      const waitMs = wait - wait0;
      turns.push({ ms: wall - PERIOD, phase, cpuMs, waitMs, asleepMs: Math.max(0, wall - cpuMs - waitMs) });
    }
    last = now;
    run0 = run;
    wait0 = wait;
    phase = currentPhase;
  }, PERIOD);
  return {
    stop: () => {
      clearInterval(timer);
      return turns;
    },
  };
}

/**
 * The main thread's time on a CPU and waiting for one (ms, nanosecond accounting), from /proc/thread-self/schedstat
 * opened once on the main thread (every caller runs there); undefined where there is no such file (not Linux).
 */
let schedFd: number | null | undefined;
const schedBuf = Buffer.alloc(96);
function mainSched(): [number, number] | undefined {
  if (schedFd === undefined) {
    try {
      schedFd = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      schedFd = null;
    }
  }
  if (schedFd === null) return undefined;
  const [run, wait] = schedBuf.toString('latin1', 0, readSync(schedFd, schedBuf, 0, schedBuf.length, 0)).split(' ');
  return [Number(run) / 1e6, Number(wait) / 1e6];
}

/** "53.4 ms in <phase>: on CPU 20.1, waiting for a core 30.2, asleep 3.1 ms" */
export function describeTurn(t: LongTurn): string {
  const f = (n: number) => n.toFixed(1);
  return `${f(t.ms)} ms in "${t.phase}": on CPU ${f(t.cpuMs)}, waiting for a core ${f(t.waitMs)}, asleep ${f(t.asleepMs)} ms`;
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
export async function measure(work: () => Promise<unknown> | unknown, opts: { record?: boolean } = {}): Promise<Measured> {
  const sampler = await startRssSampler(20);
  const stall = await stallMonitor(opts);
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
 * CPU time (ms) of this process's main thread alone, where the server under test runs (the load clients run in
 * processes of their own; the WAL checkpointer's and V8's threads are not counted): its schedstat (mainSched) on Linux,
 * elsewhere the whole process's CPU (process.cpuUsage).
 */
export function mainThreadCpuMs(): number {
  return mainThreadTimes().cpuMs;
}

/** The main thread's CPU time and (Linux only) its time waiting for a core, in one read of its schedstat. */
function mainThreadTimes(): { cpuMs: number; waitMs?: number } {
  const sched = mainSched();
  if (sched) return { cpuMs: sched[0], waitMs: sched[1] };
  const u = process.cpuUsage();
  return { cpuMs: (u.user + u.system) / 1000 };
}
/** /proc/stat counts in ticks of 10 ms (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) of the whole machine: every process, the bench's clients and fakes included. From the first line of
 * /proc/stat (user, nice, system, irq, softirq, steal; 10 ms ticks); NaN elsewhere.
 */
export function machineCpuMs(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** The server's CPU over a run (cpuWindow). */
export interface CpuUse {
  /** the main thread's CPU time */
  mainMs: number;
  /** cores the whole machine kept busy, of availableParallelism */
  cores: number;
  /** how the main thread spent the run: "% on a CPU / waiting for a core / idle" */
  split: string;
}

/**
 * The server's CPU over a run: its main thread's, how the main thread spent the run (from its schedstat), and how
 * many cores the whole machine kept busy meanwhile. A saturated row whose main thread waits for a core while the
 * machine has cores idle is losing to bursts of the bench's own client and fakes, not to the server's work alone.
 */
export function cpuWindow(): { stop: () => CpuUse } {
  const main0 = mainThreadTimes();
  const machine0 = machineCpuMs();
  const t0 = performance.now();
  return {
    stop: () => {
      const wall = performance.now() - t0;
      const main = mainThreadTimes();
      const run = main.cpuMs - main0.cpuMs;
      const pct = (n: number) => Math.round((100 * n) / wall);
      const split = main.waitMs === undefined || main0.waitMs === undefined ? 'n/a' : `${pct(run)} / ${pct(main.waitMs - main0.waitMs)} / ${pct(Math.max(0, wall - run - (main.waitMs - main0.waitMs)))} %`;
      return { mainMs: run, cores: (machineCpuMs() - machine0) / wall, split };
    },
  };
}

/** What a floor comparison needs of one server's saturated run. */
export interface SaturatedRun {
  perSecond: number;
  p99: number;
  /** the main thread's CPU over the run, and the requests it served */
  cpuMs: number;
  requests: number;
}

/**
 * The four rows that set a saturated inbound row against its floor (tests/bench/*Floor.ts): the app's throughput
 * against the floor's (`floor` says what the floor does), the floor's against bare Express, the CPU per request
 * (`request` names one: "request", "callback") and the p99 (`p99` names it) against the floor's.
 */
export function floorRows(scenario: string, names: { floor: string; request: string; p99: string }, app: SaturatedRun, floor: SaturatedRun, barePerSecond: number): Row[] {
  const rate = (n: number) => perSec(n, 'req');
  return [
    { scenario, metric: `throughput vs the floor: ${names.floor}`, result: rate(app.perSecond), baseline: rate(floor.perSecond), ratio: ratio(app.perSecond, floor.perSecond) },
    { scenario, metric: `the floor's throughput vs bare Express`, result: rate(floor.perSecond), baseline: rate(barePerSecond), ratio: ratio(floor.perSecond, barePerSecond) },
    numRow(scenario, `server CPU per ${names.request} (main thread) vs the floor`, app.cpuMs / app.requests, floor.cpuMs / floor.requests, ms),
    numRow(scenario, `${names.p99} vs the floor`, app.p99, floor.p99, ms),
  ];
}

/** "1.62" cores */
const coresFmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/**
 * The three CPU rows of a saturated inbound scenario, app against bare Express: the main thread's CPU per request
 * (`cpuMetric` names what a request is), the machine's busy cores (`others`: what else ran on it), the main thread's split.
 */
export function cpuRows(scenario: string, app: CpuUse, bare: CpuUse, requests: { app: number; bare: number }, names: { cpuMetric: string; others: string }): Row[] {
  return [
    numRow(scenario, names.cpuMetric, app.mainMs / requests.app, bare.mainMs / requests.bare, ms),
    numRow(scenario, `cores busy meanwhile (whole machine: server, ${names.others}; of ${availableParallelism()})`, app.cores, bare.cores, coresFmt),
    { scenario, metric: 'main thread: on a CPU / waiting for a core / idle (% of the run)', result: app.split, baseline: bare.split, ratio: '-' },
  ];
}

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
