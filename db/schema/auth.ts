import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/** Console accounts. Linked to a person when the e-mail matches one. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'hr', 'manager', 'employee'] }).notNull(),
    personId: integer('person_id').references(() => people.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_email_uq').on(t.email)],
);

/** Login sessions; only a hash of the cookie token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_expiry_idx').on(t.expiresAt)],
);
