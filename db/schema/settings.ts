import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

/**
 * The company's settings as the console edits them (one row, id 1): standups (company default and department
 * overrides), points, the leaderboard, review defaults and the pilot scope. Written from the environment on the
 * first start; after that the environment is not read for them. `version` grows with every change, so every
 * instance on the file notices a change made by another.
 */
export const appSettings = sqliteTable('app_settings', {
  id: integer('id').primaryKey(),
  body: text('body', { mode: 'json' }).notNull(),
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
