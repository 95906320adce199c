import type { Statement } from 'better-sqlite3';
import { isStorageError, type Db } from '../../db/client';
import type { ChatAdapter, OutboundMessage } from '../platform/port';
import { newestDeliveryId } from './enqueue';
import type { TokenBucket } from './tokenBucket';

interface NewRow {
  id: number;
  platform: string;
  personId: number | null;
  channel: string | null;
  payload: string;
}

/**
 * Delivery inside the transaction that enqueued: for in-process adapters (the local chat), the replies to what a
 * person just said are written with the event itself, so the API's answer carries them without waiting for a drain
 * (a second transaction, a claim, and the wait for it were ~40% of an answer's time in the profile).
 *
 * Only rows enqueued after `sinceId` (this transaction's), only to a person with no earlier row still pending or
 * claimed (so nothing overtakes a queued message: order per person holds), and only while the platform's rate
 * allows; each row is written and marked sent in a savepoint of the caller's transaction, as the dispatcher's own
 * in-process delivery does, so a crash leaves both or neither. Anything not delivered here stays pending for the
 * dispatcher, and the caller is told to flush.
 */
export class DeliverNow {
  private readonly sql: {
    newRows: Statement<[number], NewRow>;
    earlier: Statement<[number, number], number>;
    sent: Statement<[string, string | null, string, number]>;
  };
  private readonly deliverOne: (adapter: ChatAdapter, row: NewRow, at: string) => void;

  constructor(
    private readonly db: Db,
    private readonly adapters: ReadonlyMap<string, ChatAdapter>,
    private readonly buckets: ReadonlyMap<string, TokenBucket>,
    private readonly instance: string,
    private readonly now: () => Date,
  ) {
    const c = db.$client;
    this.sql = {
      newRows: c.prepare<[number], NewRow>(
        `select id, platform, person_id as personId, channel, payload from deliveries where id > ? and status = 'pending' order by id`,
      ),
      earlier: c.prepare<[number, number], number>(`select 1 from deliveries where person_id = ? and status = 'pending' and id < ? limit 1`).pluck(),
      sent: c.prepare<[string, string | null, string, number]>(
        `update deliveries set status = 'sent', sent_at = ?, attempts = attempts + 1, external_ref = ?, claimed_by = ?, claimed_until = null
         where id = ? and status = 'pending'`,
      ),
    };
    this.deliverOne = c.transaction((adapter: ChatAdapter, row: NewRow, at: string) => {
      const ref = adapter.deliverWithin!({
        id: row.id,
        target: row.personId != null ? { kind: 'person', personId: row.personId } : { kind: 'channel', channel: row.channel ?? '' },
        message: JSON.parse(row.payload) as OutboundMessage,
      });
      this.sql.sent.run(at, ref ?? null, this.instance, row.id);
    });
  }

  /** The newest outbox row now: read inside the transaction, before the event is handled. */
  mark(): number {
    return newestDeliveryId(this.db);
  }

  /** Delivers what was enqueued after `sinceId` where it may go now; true when none of it is left pending. */
  deliverSince(sinceId: number): boolean {
    const rows = this.sql.newRows.all(sinceId);
    if (rows.length === 0) return true;
    const at = this.now().toISOString();
    let left = 0;
    const blocked = new Set<number>();
    for (const row of rows) {
      const adapter = this.adapters.get(row.platform);
      const person = row.personId;
      const mayGo =
        adapter?.deliverWithin !== undefined && person !== null && !blocked.has(person) &&
        this.sql.earlier.get(person, sinceId + 1) === undefined && this.buckets.get(row.platform)!.tryTake(1);
      if (mayGo && this.tryDeliver(adapter!, row, at)) continue;
      left++;
      if (person !== null) blocked.add(person); // a later row of theirs must not overtake this one
    }
    return left === 0;
  }

  private tryDeliver(adapter: ChatAdapter, row: NewRow, at: string): boolean {
    try {
      this.deliverOne(adapter, row, at);
      return true;
    } catch (err) {
      if (isStorageError(err)) throw err;
      return false; // undone by its savepoint; the dispatcher sends it and records the failure
    }
  }
}
