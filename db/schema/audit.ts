import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * Append-only audit trail with a hash chain: hash = sha256(prev_hash + canonical row). Editing or deleting
 * a row breaks the chain from there on, which verifyAuditChain reports.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_actor_idx').on(t.actor)],
);
