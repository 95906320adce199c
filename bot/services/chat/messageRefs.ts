import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import { preparedOnce } from '../preparedOnce';

/**
 * Where an earlier outbox message stands, for a message that refers to it (replaces it, answers in its thread):
 * `sent` with its platform and the reference the adapter returned (e.g. Slack "channel:ts"), `pending` while it
 * still waits in the outbox (the later one should wait too), undefined otherwise (unknown, failed, dead-lettered,
 * or sent without a reference). One flat read of the row: every Slack `chat.update` asks it.
 */
export function earlierMessage(db: Db, dedupeKey: string): { state: 'sent'; platform: string; ref: string } | { state: 'pending' } | undefined {
  const row = byKey(db).get(dedupeKey);
  if (row?.status === 'pending') return { state: 'pending' };
  return row?.status === 'sent' && row.ref ? { state: 'sent', platform: row.platform, ref: row.ref } : undefined;
}

const byKey = (db: Db) =>
  preparedOnce(db, 'messageRefs.byKey', (): Statement<[string], { platform: string; status: string; ref: string | null }> =>
    db.$client.prepare(`select platform, status, external_ref as ref from deliveries where dedupe_key = ?`),
  );
