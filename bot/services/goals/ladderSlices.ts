import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { inTransaction, type Db } from '../../../db/client';
import { walRoom } from '../../../db/walCheckpointer';

/** Runs a pass written as steps (a generator that yields between pages) at once: dry runs, tests, one-call callers. */
export function runAll<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the same pass with a turn of the event loop between pages, so other requests are answered meanwhile. Given
 * the database it writes, it also lets the WAL checkpoint thread catch up between two steps once the log has grown
 * long (walRoom): a job committing every few ms never lets the log start over by itself, and the main connection then
 * checkpoints it inside one of the job's commits (strace of a 100,000-person fan-out: fsyncs of 5–49 ms on the event
 * loop every 1–3 s, the ~73 ms turns of its enqueue).
 */
export async function runInSlices<T>(steps: Generator<void, T>, db?: Db): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
    const room = db && walRoom(db);
    if (room) await room;
  }
}

/** Work per transaction of a ladder's write phase: long enough that commits are few, short enough for other requests. */
const SLICE_MS = 8;

/**
 * Writes `items` a chunk at a time, as many chunks per transaction as fit in about SLICE_MS (at least one), yielding
 * between transactions; returns the sum of what `write` returned. A commit per small page was a third of a first
 * ladder pass (sqliteTransaction self time in the profile); one transaction for everything, a stall.
 */
export function* inTimedTransactions<T>(db: Db, items: ArrayLike<T>, chunk: number, write: (chunk: T[]) => number): Generator<void, number> {
  let total = 0;
  for (let i = 0; i < items.length; ) {
    const started = performance.now();
    total += inTransaction(db, () => {
      let n = 0;
      do {
        n += write(Array.prototype.slice.call(items, i, i + chunk) as T[]);
        i += chunk;
      } while (i < items.length && performance.now() - started < SLICE_MS);
      return n;
    });
    yield;
  }
  return total;
}
