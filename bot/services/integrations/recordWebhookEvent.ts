import { stmt } from './sql';
import type { Db } from '../../../db/client';

/** Marks a delivery seen; false when it was seen before (a retry): then the caller stores nothing. In the caller's transaction. */
export function recordWebhookEvent(db: Db, connector: string, eventKey: string, at: Date): boolean {
  const r = stmt(db, 'insert into integration_events (connector, event_key, received_at) values (?, ?, ?) on conflict do nothing').run(connector, eventKey, at.toISOString());
  return r.changes === 1;
}

/** Keeps what a connector could not use, with the reason; in the caller's transaction. */
export function quarantine(db: Db, connector: string, runId: number | null, items: readonly { ref: string; reason: string; record?: unknown }[], at: Date): void {
  const insert = stmt(db, 'insert into integration_quarantine (connector, run_id, ref, reason, record, created_at) values (?, ?, ?, ?, ?, ?)');
  for (const q of items) insert.run(connector, runId, q.ref.slice(0, 500), q.reason.slice(0, 1000), JSON.stringify(q.record ?? null), at.toISOString());
}
