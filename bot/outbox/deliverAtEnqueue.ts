import type { Statement } from 'better-sqlite3';
import { isStorageError, type Db } from '../../db/client';
import { inChunks, rowsStatement } from '../services/multiRow';
import type { ChatAdapter, OutgoingDelivery } from '../platform/port';
import { enqueue, platformOf, type OutboxDeps, type OutboxItem } from './enqueue';
import type { TokenBucket } from './tokenBucket';

/**
 * enqueue(), delivering at once what may go now (a fan-out to the local chat). For an in-process adapter (one that
 * writes into this database, `deliverAllWithin`) the outbox row is written already sent, beside its message, in the
 * caller's transaction: one row write per delivery instead of a pending row, a claim, the message in a second
 * transaction and the sent mark (the profile of a 10,000-person fan-out: those four were most of its time).
 *
 * The same rules as the dispatcher's and deliverNow.ts's: only to a person (not a channel) with nothing of theirs
 * still pending or claimed, so nothing overtakes a queued message and order per person holds; only as far as the
 * platform's rate allows now (the dispatcher's own token bucket); the dedupe key stays unique (a key already
 * enqueued writes nothing, and so no message). The rest is enqueued pending, after the delivered rows, for the
 * dispatcher. A crash leaves the cause, the rows and the messages together, or none of them. If the adapter
 * refuses (anything but a storage error), its part is undone (a savepoint) and everything is enqueued pending.
 */
export class DeliverAtEnqueue {
  private readonly queued: Statement<[string], { personId: number }>;
  private readonly queuedOne: Statement<[number], { personId: number }>;
  private readonly inSavepoint: <T>(fn: () => T) => T;

  constructor(
    private readonly db: Db,
    private readonly adapters: ReadonlyMap<string, ChatAdapter>,
    private readonly buckets: ReadonlyMap<string, TokenBucket>,
    private readonly instance: string,
  ) {
    // The partial index deliveries_pending_person_idx holds only pending rows: one probe per person.
    this.queued = db.$client.prepare<[string], { personId: number }>(
      `select distinct person_id as personId from deliveries where status = 'pending' and person_id in (select value from json_each(?))`,
    );
    // One person (a chat reply: every local chat message): the same probe without json_each (5.8 µs of an answer).
    this.queuedOne = db.$client.prepare<[number], { personId: number }>(
      `select person_id as personId from deliveries where status = 'pending' and person_id = ? limit 1`,
    );
    const savepoint = db.$client.transaction((fn: () => unknown) => fn());
    this.inSavepoint = <T>(fn: () => T) => savepoint(fn) as T;
  }

  /** Call inside the causing transaction, as enqueue(). Returns how many rows were new (delivered or pending). */
  enqueue(deps: OutboxDeps, items: readonly OutboxItem[]): number {
    const platforms = items.map((item) => platformOf(deps, item));
    const persons = new Set<number>();
    const wanted = new Map<string, number>();
    items.forEach((item, i) => {
      if (item.target.kind !== 'person' || !this.adapters.get(platforms[i])?.deliverAllWithin) return;
      persons.add(item.target.personId);
      wanted.set(platforms[i], (wanted.get(platforms[i]) ?? 0) + 1);
    });
    if (persons.size === 0) return enqueue(deps, items);

    const queued = persons.size === 1 ? this.queuedOne.all(persons.values().next().value!) : this.queued.all(JSON.stringify([...persons]));
    const blocked = new Set(queued.map((r) => r.personId));
    const granted = new Map([...wanted].map(([platform, n]) => [platform, this.buckets.get(platform)?.takeAvailable(n) ?? 0]));
    const now: { item: OutboxItem; platform: string }[] = [];
    const later: OutboxItem[] = [];
    items.forEach((item, i) => {
      const person = item.target.kind === 'person' ? item.target.personId : null;
      const left = granted.get(platforms[i]) ?? 0;
      if (person !== null && persons.has(person) && !blocked.has(person) && left > 0 && this.adapters.get(platforms[i])?.deliverAllWithin) {
        granted.set(platforms[i], left - 1);
        now.push({ item, platform: platforms[i] });
      } else {
        later.push(item);
        if (person !== null) blocked.add(person); // a later row of theirs must not overtake this one
      }
    });
    for (const [platform, left] of granted) if (left > 0) this.buckets.get(platform)?.giveBack(left);
    if (now.length === 0) return enqueue(deps, items);

    let delivered: number;
    try {
      delivered = this.inSavepoint(() => this.writeSent(deps, now));
    } catch (err) {
      if (isStorageError(err)) throw err;
      return enqueue(deps, items); // the savepoint left nothing of them: all go the dispatcher's way
    }
    return delivered + enqueue(deps, later);
  }

  /** The rows, already sent, then each platform's messages for the rows that were new. */
  private writeSent(deps: OutboxDeps, rows: readonly { item: OutboxItem; platform: string }[]): number {
    const at = deps.now().toISOString();
    const out = new Map<string, (OutgoingDelivery & { json: string })[]>();
    let written = 0;
    inChunks(rows, (chunk) => {
      const params: unknown[] = [];
      const json = chunk.map(({ item }) => JSON.stringify(item.message));
      chunk.forEach(({ item, platform }, i) => {
        params.push(item.dedupeKey, platform, (item.target as { personId: number }).personId, json[i], at, at, at, this.instance);
      });
      const ids = rowsStatement<unknown[], { id: number; dedupeKey: string }>(
        deps.db,
        'outbox.enqueueSent',
        chunk.length,
        // claimed_by says which instance sent it, as on rows the dispatcher sends
        'insert into deliveries (dedupe_key, platform, person_id, payload, status, attempts, next_attempt_at, created_at, sent_at, claimed_by)',
        "(?, ?, ?, ?, 'sent', 1, ?, ?, ?, ?)",
        'on conflict (dedupe_key) do nothing returning id, dedupe_key as dedupeKey',
      ).all(...params);
      const idOf = new Map(ids.map((r) => [r.dedupeKey, r.id]));
      chunk.forEach(({ item, platform }, i) => {
        const id = idOf.get(item.dedupeKey);
        if (id === undefined) return; // enqueued before: not sent again
        let list = out.get(platform);
        if (!list) out.set(platform, (list = []));
        list.push({ id, target: item.target, message: item.message, json: json[i] });
      });
      written += ids.length;
    });
    for (const [platform, deliveries] of out) this.adapters.get(platform)!.deliverAllWithin!(deliveries);
    return written;
  }
}
