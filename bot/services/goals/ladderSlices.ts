import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs a pass written as steps (a generator that yields between pages) at once: dry runs, tests, one-call callers. */
export function runAll<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the same pass with a turn of the event loop between pages, so other requests are answered meanwhile. */
export async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
