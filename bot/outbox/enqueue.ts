import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inChunks, rowsStatement } from '../services/multiRow';
import { preparedOnce } from '../services/preparedOnce';
import type { DeliveryTarget, OutboundMessage } from '../platform/port';

export interface OutboxItem {
  /** Unique per intended message, e.g. "standup-prompt:2026-W48:42"; a second enqueue with it is a no-op. */
  dedupeKey: string;
  target: DeliveryTarget;
  message: OutboundMessage;
  /**
   * The platform to send on instead of the one `route` picks for the target: a reply goes back where the person
   * wrote (someone on both Slack and WeCom who answers in WeCom hears the next question in WeCom, not in Slack).
   */
  via?: string;
}

export interface OutboxDeps {
  db: Db;
  now: () => Date;
  /** Which platform reaches this target (the person's chat platform, or the announcement platform). */
  route: (target: DeliveryTarget) => string;
}

/** The platform an item goes out on: its own `via`, else the target's route. */
export const platformOf = (deps: OutboxDeps, item: OutboxItem): string => item.via ?? deps.route(item.target);

/**
 * Writes messages to the outbox. Call it inside the transaction of the change that causes the messages,
 * so both land or neither does. Returns how many were new (not already enqueued under the same key).
 *
 * Statements prepared once per database and row count, 64 rows per statement: drizzle's query building and
 * `prepare` once cost more than the rows (~30 µs per row), and one run() per row paid the binding and statement
 * start-up per row.
 */
export function enqueue(deps: OutboxDeps, items: readonly OutboxItem[]): number {
  const at = deps.now().toISOString();
  let inserted = 0;
  inChunks(items, (chunk) => {
    const params: unknown[] = [];
    for (const item of chunk) {
      const { dedupeKey, target, message } = item;
      params.push(dedupeKey, platformOf(deps, item), target.kind === 'person' ? target.personId : null, target.kind === 'channel' ? target.channel : null, JSON.stringify(message), at, at);
    }
    inserted += rowsStatement(
      deps.db,
      'outbox.enqueue',
      chunk.length,
      'insert into deliveries (dedupe_key, platform, person_id, channel, payload, next_attempt_at, created_at)',
      '(?, ?, ?, ?, ?, ?, ?)',
      'on conflict (dedupe_key) do nothing',
    ).run(...params).changes;
  });
  return inserted;
}

/** Deliveries that are still waiting; used by health checks and tests. */
export function pendingCount(db: Db): number {
  return db.get<{ n: number }>(sql`select count(*) as n from deliveries where status = 'pending'`).n;
}

/**
 * The newest outbox row now. Read inside a transaction before it enqueues, it marks where that transaction's rows
 * begin (ids only rise): DeliverNow delivers them, HandOff claims them.
 */
export function newestDeliveryId(db: Db): number {
  return preparedOnce(db, 'outbox.newestId', () => db.$client.prepare<[], number>('select coalesce(max(id), 0) from deliveries').pluck()).get()!;
}
