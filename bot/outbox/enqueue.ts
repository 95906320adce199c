import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deliveries } from '../../db/schema';
import type { DeliveryTarget, OutboundMessage } from '../platform/port';

export interface OutboxItem {
  /** Unique per intended message, e.g. "standup-prompt:2026-W48:42"; a second enqueue with it is a no-op. */
  dedupeKey: string;
  target: DeliveryTarget;
  message: OutboundMessage;
}

export interface OutboxDeps {
  db: Db;
  now: () => Date;
  /** Which platform reaches this target (the person's chat platform, or the announcement platform). */
  route: (target: DeliveryTarget) => string;
}

const CHUNK = 400;

/**
 * Writes messages to the outbox. Call it inside the transaction of the change that causes the messages,
 * so both land or neither does. Returns how many were new (not already enqueued under the same key).
 */
export function enqueue(deps: OutboxDeps, items: OutboxItem[]): number {
  const at = deps.now().toISOString();
  let inserted = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const rows = items.slice(i, i + CHUNK).map((item) => ({
      dedupeKey: item.dedupeKey,
      platform: deps.route(item.target),
      personId: item.target.kind === 'person' ? item.target.personId : null,
      channel: item.target.kind === 'channel' ? item.target.channel : null,
      payload: item.message,
      nextAttemptAt: at,
      createdAt: at,
    }));
    inserted += deps.db.insert(deliveries).values(rows).onConflictDoNothing({ target: deliveries.dedupeKey }).run().changes;
  }
  return inserted;
}

/** Deliveries that are still waiting; used by health checks and tests. */
export function pendingCount(db: Db): number {
  return db.get<{ n: number }>(sql`select count(*) as n from deliveries where status = 'pending'`).n;
}
