import type { Db } from './client';
import { inTransaction, isStorageError, runnerOf } from './client';

interface Pending {
  work: () => unknown;
  /** One SQL statement: atomic by itself (a failing statement undoes only itself), so no savepoint around it. */
  oneStatement: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** At most this many units of work, or this long, in one commit; the rest go into the next. */
const MAX_UNITS = 64;
const MAX_MS = 8;

/**
 * Group commit: units of work that arrive in the same turn of the event loop (requests read in one poll) run in
 * one transaction, each in its own savepoint, and each caller's promise settles only after that transaction has
 * committed, so an answer never goes out before what it reports is stored. A unit that throws undoes only its own
 * savepoint and rejects only its own promise; a storage error (the commit itself failing) rejects every unit of the
 * group, and nothing of it was stored. With a commit costing ~0.5 ms (BEGIN IMMEDIATE … COMMIT: the WAL write of
 * every page touched), 16 concurrent inbound events share one commit instead of paying one each.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /**
   * Runs `work` (synchronous, must not await) in the next group's transaction; resolves after the commit. Work that
   * runs exactly one statement may say so (`oneStatement`): it then runs without a savepoint of its own (two
   * statements fewer: SQLite undoes a failing statement by itself, and the group goes on).
   */
  run<T>(work: () => T, opts: { oneStatement?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, oneStatement: opts.oneStatement === true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commitGroup());
      }
    });
  }

  private commitGroup(): void {
    const started = performance.now();
    const group: Pending[] = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      inTransaction(this.db, () => {
        while (this.queue.length > 0 && group.length < MAX_UNITS && (group.length === 0 || performance.now() - started < MAX_MS)) {
          const unit = this.queue.shift()!;
          group.push(unit);
          try {
            // Nested in the group's transaction, better-sqlite3 runs this in a savepoint.
            outcomes.push({ ok: true, value: unit.oneStatement ? unit.work() : runnerOf(this.db.$client)(unit.work) });
          } catch (err) {
            if (isStorageError(err)) throw err;
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      for (const unit of group) unit.reject(err);
      outcomes.length = 0;
    }
    outcomes.forEach((o, i) => (o.ok ? group[i].resolve(o.value) : group[i].reject(o.err)));
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => this.commitGroup());
  }
}
