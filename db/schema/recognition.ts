import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/** Points ledger; source_key is unique so the same deed can never earn twice. */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    sourceKey: text('source_key').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('points_source_uq').on(t.sourceKey), index('points_person_idx').on(t.personId, t.createdAt)],
);
