import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full GC before it collects again: 1.5×.
 * By default V8 picks a factor of up to 4× from its GC and mutator speeds, and with a 4 GB heap limit it uses
 * it: a 10,000-person Slack fan-out with ~60 MB live grew the heap to ~290 MB of mostly garbage (the sends' requests
 * and timers live long enough to be promoted), peak RSS 422 MB; at 1.5× the same run peaked at 254 MB for the same
 * CPU time (docs/performance.md, session perf-memory).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applies the server's heap settings to this process (`npm start` and the bench's scenario processes). Node reads
 * this flag at every GC, so setting it after start takes effect; a value given in NODE_OPTIONS or on the command line wins.
 */
export function tuneHeap(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
