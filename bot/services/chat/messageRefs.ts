import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { deliveries } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';

/**
 * Where an earlier outbox message went: its platform and the reference the adapter returned when it was
 * sent (e.g. Slack "channel:ts"). Undefined while it is not sent yet or after it was dead-lettered.
 */
export function sentMessageRef(db: Db, dedupeKey: string): { platform: string; ref: string } | undefined {
  const row = byKey(db).get({ dedupeKey });
  return row?.status === 'sent' && row.ref ? { platform: row.platform, ref: row.ref } : undefined;
}

/** Whether an outbox message is still waiting (so a message that refers to it should wait too). */
export function isMessagePending(db: Db, dedupeKey: string): boolean {
  return byKey(db).get({ dedupeKey })?.status === 'pending';
}

const byKey = (db: Db) =>
  preparedOnce(db, 'messageRefs.byKey', () =>
    db
      .select({ platform: deliveries.platform, status: deliveries.status, ref: deliveries.externalRef })
      .from(deliveries)
      .where(eq(deliveries.dedupeKey, sql.placeholder('dedupeKey')))
      .prepare(),
  );
