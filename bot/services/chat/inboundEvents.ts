import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';

/**
 * Records an inbound event under its platform key; false when it was already recorded (a retry).
 * Call inside the transaction of the event's effects, so a crash leaves it unrecorded and a retry redoes it.
 */
export function claimInbound(deps: Pick<ServiceDeps, 'db' | 'now'>, platform: string, eventKey: string): boolean {
  return claimInboundId(deps, platform, eventKey) !== undefined;
}

/**
 * claimInbound, answering the event's row id (AUTOINCREMENT: never reused, and rising), or undefined for a retry.
 * Keys derived from it (a reply's dedupe key) land next to each other in their unique index, where keys derived
 * from a platform's random event id each dirtied a page of their own in the commit.
 */
export function claimInboundId(deps: Pick<ServiceDeps, 'db' | 'now'>, platform: string, eventKey: string): number | undefined {
  const { db } = deps;
  // Every inbound event runs it: prepared once.
  const insert = preparedOnce(db, 'inboundEvents.claim', () =>
    db.$client.prepare<[string, string, string]>('insert into inbound_events (platform, event_key, received_at) values (?, ?, ?) on conflict do nothing'),
  );
  const done = insert.run(platform, eventKey, deps.now().toISOString());
  return done.changes === 1 ? Number(done.lastInsertRowid) : undefined;
}

/**
 * A key for an event that has no id of its own (a local chat message sent without one): unique (48 random bits
 * after the time) and rising with time, so a burst of them fills one page of the inbound key index, not one page
 * each as random UUIDs did.
 */
export function risingEventKey(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomUUID().slice(24)}`;
}
