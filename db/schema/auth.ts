import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/**
 * Sign-in accounts, one per e-mail. A person's account is made the first time they sign in (chat link, Slack, WeCom);
 * its effective role is the person's role in the directory, except for the first admin from ADMIN_EMAIL (role 'admin').
 * Only admin/HR may set a password (through a link); everyone else signs in without one.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
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
    createdAt: text('created_at'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_expiry_idx').on(t.expiresAt), index('sessions_account_idx').on(t.accountId)],
);

/** One-time links sent in chat: sign in, or set a password. Only a hash of the token is stored. */
export const loginLinks = sqliteTable(
  'login_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    personId: integer('person_id').notNull().references(() => people.id),
    purpose: text('purpose', { enum: ['sign_in', 'set_password'] }).notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('login_links_token_uq').on(t.tokenHash), index('login_links_person_idx').on(t.personId, t.createdAt)],
);
