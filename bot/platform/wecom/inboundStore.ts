import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';

export interface InboundRow {
  id: number;
  dedupeKey: string;
  xml: string;
  attempts: number;
}
/** 'duplicate': rows processed before the inbox row became the event's one record (handleInbound's inboxId). */
export type Outcome = 'handled' | 'duplicate' | 'ignored' | 'unknown_user' | 'failed';

/** After this many failed processing attempts an event is given up (marked failed, the person told). */
export const MAX_PROCESS_ATTEMPTS = 5;

/**
 * The durable inbox of WeCom callbacks (table wecom_inbound). `record` runs before the HTTP answer; a row stays
 * pending until the processor has handled it in the same transaction as its effects, so nothing is lost and
 * nothing runs twice. Prepared statements: this sits on the path of every callback.
 */
export class InboundStore {
  private readonly sql: {
    record: Statement<[string, string, string]>;
    pending: Statement<[number, number, number], InboundRow>;
    done: Statement<[string, string, number]>;
    failed: Statement<[number, string, string | null, string | null, number]>;
  };

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    const c = db.$client;
    this.sql = {
      record: c.prepare(`insert into wecom_inbound (dedupe_key, xml, received_at) values (?, ?, ?) on conflict (dedupe_key) do nothing`),
      pending: c.prepare(
        `select id, dedupe_key as dedupeKey, xml, attempts from wecom_inbound
         where processed_at is null and attempts < ? and id > ? order by id limit ?`,
      ),
      done: c.prepare(`update wecom_inbound set processed_at = ?, outcome = ? where id = ? and processed_at is null`),
      failed: c.prepare(`update wecom_inbound set attempts = ?, last_error = ?, processed_at = ?, outcome = ? where id = ?`),
    };
  }

  /** Stores the decrypted event under its dedupe key: its row, or undefined when that key was already recorded (a retry). */
  record(dedupeKey: string, xml: string): InboundRow | undefined {
    const done = this.sql.record.run(dedupeKey, xml, this.now().toISOString());
    return done.changes === 1 ? { id: Number(done.lastInsertRowid), dedupeKey, xml, attempts: 0 } : undefined;
  }

  /** Unprocessed events in arrival order, so one person's replies are handled in the order they were sent. */
  pending(afterId: number, limit = 200): InboundRow[] {
    return this.sql.pending.all(MAX_PROCESS_ATTEMPTS, afterId, limit);
  }

  /** Marks the row processed; false when it was already (the caller undoes what it did). */
  done(id: number, outcome: Outcome): boolean {
    return this.sql.done.run(this.now().toISOString(), outcome, id).changes === 1;
  }

  /** Counts a failed attempt; returns true when that was the last one allowed. */
  failed(row: InboundRow, error: string): boolean {
    const attempts = row.attempts + 1;
    const final = attempts >= MAX_PROCESS_ATTEMPTS;
    this.sql.failed.run(attempts, error.slice(0, 2000), final ? this.now().toISOString() : null, final ? 'failed' : null, row.id);
    return final;
  }
}
