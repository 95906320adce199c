import { createHash } from 'node:crypto';
import { asc, desc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

const GENESIS = '0'.repeat(64);

/** A stable JSON text of a row: keys sorted, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function rowHash(prevHash: string, row: Omit<typeof auditLog.$inferSelect, 'id' | 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash + canonical(row)).digest('hex');
}

/** Appends to the hash-chained audit trail. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput, now: Date): void {
  const prevHash = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? GENESIS;
  const row = {
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
  };
  db.insert(auditLog).values({ ...row, prevHash, hash: rowHash(prevHash, row) }).run();
}

/** Walks the chain; the first row whose hash or link does not match is where tampering happened. */
export function verifyAuditChain(db: Db): { ok: boolean; rows: number; brokenAt?: number } {
  let prev = GENESIS;
  let rows = 0;
  for (const r of db.select().from(auditLog).orderBy(asc(auditLog.id)).all()) {
    const { id, hash, prevHash, ...row } = r;
    if (prevHash !== prev || rowHash(prevHash, row) !== hash) return { ok: false, rows, brokenAt: id };
    prev = hash;
    rows++;
  }
  return { ok: true, rows };
}
