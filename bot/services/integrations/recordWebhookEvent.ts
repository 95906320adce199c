import { stmt } from './sql';
import type { Db } from '../../../db/client';

/** Marks a delivery seen; false when it was seen before (a retry): then the caller stores nothing. In the caller's transaction. */
export function recordWebhookEvent(db: Db, connector: string, eventKey: string, at: Date): boolean {
  const r = stmt(db, 'insert into integration_events (connector, event_key, received_at) values (?, ?, ?) on conflict do nothing').run(connector, eventKey, at.toISOString());
  return r.changes === 1;
}

/**
 * Keeps what a connector could not use, with the reason; in the caller's transaction. The same record held for the
 * same reason is kept once (fifty updates of an issue whose assignee nobody maps are one entry), refreshed to the
 * latest run, record and time.
 */
export function quarantine(db: Db, connector: string, runId: number | null, items: readonly { ref: string; reason: string; record?: unknown }[], at: Date): void {
  const held = stmt<[string, string, string], { id: number }>(db, 'select id from integration_quarantine where connector = ? and ref = ? and reason = ?');
  const refresh = stmt(db, 'update integration_quarantine set run_id = ?, record = ?, created_at = ? where id = ?');
  const insert = stmt(db, 'insert into integration_quarantine (connector, run_id, ref, reason, record, created_at) values (?, ?, ?, ?, ?, ?)');
  for (const q of items) {
    const ref = q.ref.slice(0, 500);
    const reason = q.reason.slice(0, 1000);
    const record = JSON.stringify(q.record ?? null);
    const existing = held.get(connector, ref, reason);
    if (existing) refresh.run(runId, record, at.toISOString(), existing.id);
    else insert.run(connector, runId, ref, reason, record, at.toISOString());
  }
}
