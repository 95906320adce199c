import type { Db } from '../../db/client';
import type { ChatAdapter, OutboundMessage, OutgoingDelivery } from '../platform/port';

/** A claimed outbox row, its payload parsed. */
export interface Row {
  id: number;
  personId: number | null;
  channel: string | null;
  payload: OutboundMessage;
  attempts: number;
}

/**
 * How many rows one claim takes, and for how long: about five seconds of sending at the platform's rate (at least
 * one full batch, at most DISPATCH_BATCH_SIZE), so that instances sharing the work take turns; and a lease of a
 * minute plus twice that sending time. A crashed sender's rows come back when its lease ends.
 */
export function claimPlan(adapter: ChatAdapter, batchSize: number): { size: number; leaseMs: number } {
  const size = Math.max(adapter.maxBatch ?? 1, Math.min(batchSize, Math.ceil(adapter.ratePerSecond * 5)));
  const sendingMs = Math.ceil((size / Math.max(adapter.maxBatch ?? 1, 1) / adapter.ratePerSecond) * 1000);
  return { size, leaseMs: 60_000 + 2 * sendingMs };
}

/** Claimed rows in the order they were due (RETURNING gives no order), their payloads parsed. */
export function parsedInOrder(rows: (Omit<Row, 'payload'> & { payload: string; nextAttemptAt: string })[]): Row[] {
  rows.sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id));
  return rows.map(({ nextAttemptAt: _, ...r }) => ({ ...r, payload: JSON.parse(r.payload) as OutboundMessage }));
}

/** The dispatcher's hot-path statements, prepared once (a fan-out runs them tens of thousands of times). */
export function prepareStatements(db: Db) {
  const c = db.$client;
  return {
    // One statement claims: two instances can never take the same row (SQLite writes are serialised). Rows this
    // instance claimed before (a drain stopped by a storage error) are its own to retry at once.
    claim: c.prepare<[string, string, string, string, string, string, number], Omit<Row, 'payload'> & { payload: string; nextAttemptAt: string }>(
      `update deliveries set claimed_by = ?, claimed_until = ?
       where id in (select id from deliveries
                    where status = 'pending' and platform = ? and next_attempt_at <= ?
                      and (claimed_until is null or claimed_until <= ? or claimed_by = ?)
                    order by next_attempt_at, id limit ?)
       returning id, person_id as personId, channel, payload, attempts, next_attempt_at as nextAttemptAt`,
    ),
    // Inside the transaction of the processing that enqueued (HandOff.claimSince): the rows enqueued since `mark`
    // (a rowid range: NOT INDEXED keeps the planner off the due index, which holds every pending row), to a person,
    // unclaimed, and only where nothing older of that person is still pending (deliveries_pending_person_idx), so none
    // of them overtakes a message already queued.
    claimSince: c.prepare<[string, string, number, string, string, number], Omit<Row, 'payload'> & { payload: string; nextAttemptAt: string }>(
      `update deliveries not indexed set claimed_by = ?, claimed_until = ?
       where id > ? and platform = ? and status = 'pending' and next_attempt_at <= ? and claimed_until is null and person_id is not null
         and not exists (select 1 from deliveries older where older.status = 'pending' and older.person_id = deliveries.person_id and older.id <= ?)
       returning id, person_id as personId, channel, payload, attempts, next_attempt_at as nextAttemptAt`,
    ),
    // Anything enqueued since `mark` still unclaimed (another platform's, or left behind an older message)?
    leftSince: c.prepare<[number], number>(`select 1 from deliveries where id > ? and status = 'pending' and claimed_until is null limit 1`).pluck(),
    // The claim's own rows (claimable by some instance), read only: the same partial index (deliveries_due_idx).
    anyDue: c.prepare<[string, string], { one: number }>(`select 1 as one from deliveries where status = 'pending' and platform = ? and next_attempt_at <= ? limit 1`),
    markSent: c.prepare<[string, string | null, number, string]>(
      // claimed_by stays on a sent row: it says which instance sent it
      `update deliveries set status = 'sent', sent_at = ?, attempts = attempts + 1, external_ref = ?, last_error = null, claimed_until = null
       where id = ? and claimed_by = ?`,
    ),
    markFailed: c.prepare<[string, number, string, string, string | null, number, string]>(
      `update deliveries set status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, dead_at = ?, claimed_by = null, claimed_until = null
       where id = ? and claimed_by = ?`,
    ),
    release: c.prepare<[string]>(`update deliveries set claimed_by = null, claimed_until = null where claimed_by = ? and status = 'pending'`),
  };
}

export function toDelivery(row: Row): OutgoingDelivery {
  return {
    id: row.id,
    target: row.personId != null ? { kind: 'person', personId: row.personId } : { kind: 'channel', channel: row.channel ?? '' },
    message: row.payload,
  };
}

/** Single rows, or — for adapters that batch — person messages with identical content, up to maxBatch each. */
export function groupsFor(adapter: ChatAdapter, rows: Row[]): Row[][] {
  if (!adapter.sendBatch || (adapter.maxBatch ?? 1) <= 1) return rows.map((r) => [r]);
  const groups = new Map<string, Row[][]>();
  const out: Row[][] = [];
  for (const row of rows) {
    if (row.personId == null) {
      out.push([row]);
      continue;
    }
    const key = JSON.stringify(row.payload);
    const chunks = groups.get(key) ?? [];
    let last = chunks.at(-1);
    if (!last || last.length >= adapter.maxBatch!) {
      last = [];
      chunks.push(last);
      out.push(last);
      groups.set(key, chunks);
    }
    last.push(row);
  }
  return out;
}

/** Groups in lanes by recipient (a batch to many people is a lane of its own), keeping their order. */
export function lanesOf(groups: Row[][]): Row[][][] {
  const lanes = new Map<string, Row[][]>();
  groups.forEach((g, i) => {
    const key = g.length > 1 ? `batch:${i}` : g[0].personId != null ? `person:${g[0].personId}` : `channel:${g[0].channel}`;
    const lane = lanes.get(key);
    if (lane) lane.push(g);
    else lanes.set(key, [g]);
  });
  return [...lanes.values()];
}
