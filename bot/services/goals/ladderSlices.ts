import { performance } from 'node:perf_hooks';
import { inTransaction, type Db } from '../../../db/client';

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
