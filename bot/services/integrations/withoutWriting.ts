import type { Db } from '../../../db/client';

const ROLLBACK = Symbol('dry run');

/**
 * Runs `work` inside a transaction that is then rolled back: a dry run computes exactly what would be written and
 * stores nothing (not even a run row). A refusal thrown by `work` still reaches the caller.
 */
export function withoutWriting<T>(db: Db, work: () => T): T {
  let out: T | undefined;
  try {
    db.$client.transaction(() => {
      out = work();
      throw ROLLBACK;
    })();
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return out as T;
}
