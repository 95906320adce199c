import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/**
 * The journal of an accepted people import (issue 15): the import is checked and planned whole before anything is
 * written, then applied in short transactions with the event loop free in between. The row says how far it got —
 * `phase` (people → managers → deactivate → finish) and `cursor` (rows of the file done in that phase), advanced in the same
 * transaction as the rows it covers — so an import interrupted by a crash is finished, exactly once, by the next
 * start. `staging` while its rows are being stored (not yet accepted: a crash then discards it), `applying`, `done`.
 * At most one import stages or applies at a time (a second upload → 409 import_running).
 */
export const peopleImports = sqliteTable(
  'people_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: ['staging', 'applying', 'done'] }).notNull(),
    phase: text('phase', { enum: ['people', 'managers', 'deactivate', 'finish'] }).notNull().default('people'),
    cursor: integer('cursor').notNull().default(0),
    /** Rows of the file. */
    total: integer('total').notNull(),
    /** What applying needs besides the rows: defaults, deactivations, the actor, the counts planned. JSON. */
    plan: text('plan', { mode: 'json' }).notNull(),
    /** The counts once done: {created, updated, total[, deactivated]}. */
    result: text('result', { mode: 'json' }),
    /** The instance applying it and until when (renewed by every transaction); an expired claim is resumed. */
    claimedBy: text('claimed_by'),
    claimedUntil: text('claimed_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('people_imports_status_idx').on(t.status)],
);

/** The accepted file of an import in pieces of whole lines (~256 KB; read back to resume); deleted once it is done. */
export const peopleImportRows = sqliteTable(
  'people_import_rows',
  {
    importId: integer('import_id').notNull().references(() => peopleImports.id),
    piece: integer('piece').notNull(),
    /** A piece of the CSV text, whole lines; the pieces in order are the file. */
    rows: text('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.piece] })],
);

export type PeopleImportStatus = (typeof peopleImports.$inferSelect)['status'];

