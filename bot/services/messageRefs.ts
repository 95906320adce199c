import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deliveries } from '../../db/schema';

/**
 * Where an earlier outbox message went: its platform and the reference the adapter returned when it was
 * sent (e.g. Slack "channel:ts"). Undefined while it is not sent yet or after it was dead-lettered.
 */
export function sentMessageRef(db: Db, dedupeKey: string): { platform: string; ref: string } | undefined {
  const row = db
    .select({ platform: deliveries.platform, status: deliveries.status, ref: deliveries.externalRef })
    .from(deliveries)
    .where(eq(deliveries.dedupeKey, dedupeKey))
    .get();
  return row?.status === 'sent' && row.ref ? { platform: row.platform, ref: row.ref } : undefined;
}

/** Whether an outbox message is still waiting (so a message that refers to it should wait too). */
export function isMessagePending(db: Db, dedupeKey: string): boolean {
  return db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.dedupeKey, dedupeKey)).get()?.status === 'pending';
}
