import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../../db/client';
import { walRoom } from '../../db/walCheckpointer';

/** Runs a pass written as steps (a generator that yields between pages) at once: dry runs, tests, one-call callers. */
export function runAll<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * What happens between two slices of work that writes: a turn of the event loop, so other requests are answered
 * meanwhile; then, given the database written, the WAL checkpoint thread catches up if the log has grown long
 * (walRoom). A job committing every few ms never lets the log start over by itself, and the main connection then
 * checkpoints it inside one of the job's commits (strace of a 100,000-person fan-out: fsyncs of 5–49 ms on the event
 * loop every 1–3 s, the ~73 ms turns of its enqueue; an opening's slice commits, 17–59 ms).
 */
export async function nextSlice(db?: Db): Promise<void> {
  await nextTurn();
  const room = db && walRoom(db);
  if (room) await room;
}

/** Runs the same pass with `nextSlice` between its steps. */
export async function runInSlices<T>(steps: Generator<void, T>, db?: Db): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextSlice(db);
  }
}
