import type { Db } from '../../db/client';
import type { ChatAdapter } from '../platform/port';
import { claimPlan, parsedInOrder, type prepareStatements, type Row } from './dispatchRows';
import { newestDeliveryId } from './enqueue';

/** Rows claimed inside the transaction that enqueued them (HandOff.claimSince), for HandOff.handOver. */
export interface ClaimedRows {
  platform: string;
  rows: readonly Row[];
  /** Something the transaction enqueued was not claimed (another platform, or behind an older message): flush. */
  left: boolean;
}

export interface HandOffOptions {
  db: Db;
  sql: ReturnType<typeof prepareStatements>;
  adapters: ReadonlyMap<string, ChatAdapter>;
  instance: string;
  now: () => Date;
  batchSize: number;
  /** The dispatcher has stopped: nothing more is claimed or taken. */
  stopped: () => boolean;
}

/**
 * Replies claimed in the transaction that enqueued them, and handed to the dispatcher after its commit (an inbound
 * event's processing: a drain's claim was a write transaction of its own, and its "anything due?" read another,
 * ~3 % of a WeCom callback). The dispatcher's drain of the platform takes handed rows before it claims anything
 * more: that loop is the platform's only one and does not yield between the two, so a claim never meets them.
 */
export class HandOff {
  /** Per platform, in claim order. */
  private readonly handed = new Map<string, Row[]>();

  constructor(private readonly o: HandOffOptions) {}

  /** The newest outbox row now: read inside a transaction before it enqueues, for `claimSince`. */
  mark(): number {
    return newestDeliveryId(this.o.db);
  }

  /**
   * Call inside the transaction that enqueued, with the `mark` read in it before: claims the rows it enqueued for
   * `platform`, as part of that transaction. Rows to a person with something older still pending are left to the
   * drain, so order per person holds. Hand the result to `handOver` at once after the commit; if the transaction
   * rolls back, drop it (the claim went with it). Nothing for a platform without an adapter here or one writing
   * in-process.
   */
  claimSince(platform: string, mark: number): ClaimedRows {
    const { sql, adapters, instance, now, batchSize, stopped } = this.o;
    const adapter = adapters.get(platform);
    let rows: Row[] = [];
    if (adapter && !adapter.deliverWithin && !stopped()) {
      const at = now();
      const until = new Date(at.getTime() + claimPlan(adapter, batchSize).leaseMs).toISOString();
      rows = parsedInOrder(sql.claimSince.all(instance, until, mark, platform, at.toISOString(), mark));
    }
    return { platform, rows, left: sql.leftSince.get(mark) !== undefined };
  }

  /**
   * Rows claimed by `claimSince`, handed over right after their transaction committed (before anything can yield):
   * the platform's next drain (a running one, or the caller's flush) sends them. Starts no drain itself: the caller's
   * flush sends everything it processed together, in full batches.
   */
  handOver(claimed: ClaimedRows): void {
    if (claimed.rows.length === 0 || this.o.stopped() || !this.o.adapters.has(claimed.platform)) return;
    const queue = this.handed.get(claimed.platform);
    if (queue) queue.push(...claimed.rows);
    else this.handed.set(claimed.platform, [...claimed.rows]);
  }

  has(platform: string): boolean {
    return this.handed.has(platform);
  }

  /** What was handed over for the platform, taken (undefined when nothing was). */
  take(platform: string): Row[] | undefined {
    const rows = this.handed.get(platform);
    this.handed.delete(platform);
    return rows;
  }

  /** At stop: the rows go back with the rest of the instance's claims (the dispatcher releases them). */
  clear(): void {
    this.handed.clear();
  }
}
