import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, people, sessions } from '../../db/schema';
import { AppError } from '../errors';
import { preparedOnce } from './preparedOnce';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 64;

export type Role = 'admin' | 'hr' | 'manager' | 'employee';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string;
  personId: number | null;
}

/** "scrypt$salt$hash", both base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates or refreshes the first admin from config; with no password given, generates one to print once. */
export async function ensureAdmin(db: Db, email: string, password: string | undefined, now: Date): Promise<{ generatedPassword?: string }> {
  const existing = db.select().from(accounts).where(eq(accounts.email, email.toLowerCase())).get();
  if (existing && !password) return {};
  const generatedPassword = password ? undefined : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  const person = db.select({ id: people.id }).from(people).where(eq(people.email, email.toLowerCase())).get();
  db.insert(accounts)
    .values({ email: email.toLowerCase(), passwordHash, role: 'admin', personId: person?.id ?? null, createdAt: now.toISOString() })
    .onConflictDoUpdate({ target: accounts.email, set: { passwordHash, role: 'admin' } })
    .run();
  return { generatedPassword };
}

/** Checks the password and opens a session; the same error for unknown e-mail and wrong password. */
export async function login(db: Db, email: string, password: string, now: Date, ttlHours: number): Promise<{ token: string; csrfToken: string; user: SessionUser }> {
  const account = db.select().from(accounts).where(eq(accounts.email, email.trim().toLowerCase())).get();
  const ok = account ? await verifyPassword(password, account.passwordHash) : await verifyPassword(password, DUMMY_HASH);
  if (!account || !ok) throw new AppError('invalid_credentials', 'E-mail or password is wrong.', { status: 401 });
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  db.delete(sessions).where(lte(sessions.expiresAt, now.toISOString())).run();
  db.insert(sessions).values({ tokenHash: tokenHash(token), accountId: account.id, csrfToken, expiresAt: new Date(now.getTime() + ttlHours * 3600_000).toISOString() }).run();
  return { token, csrfToken, user: userOf(db, account) };
}

export function sessionFor(db: Db, token: string, now: Date): { user: SessionUser; csrfToken: string } | undefined {
  // Runs for every API request: prepared once.
  const lookup = preparedOnce(db, 'auth.session', () =>
    db
      .select({ account: accounts, csrfToken: sessions.csrfToken })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), gt(sessions.expiresAt, sql.placeholder('now'))))
      .prepare(),
  );
  const row = lookup.get({ hash: tokenHash(token), now: now.toISOString() });
  return row ? { user: userOf(db, row.account), csrfToken: row.csrfToken } : undefined;
}

export function logout(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token))).run();
}

function userOf(db: Db, account: typeof accounts.$inferSelect): SessionUser {
  const personOf = preparedOnce(db, 'auth.person', () =>
    db.select({ id: people.id, name: people.name, locale: people.locale }).from(people).where(eq(people.id, sql.placeholder('id'))).prepare(),
  );
  const person = account.personId != null ? personOf.get({ id: account.personId }) : undefined;
  return { id: account.id, email: account.email, name: person?.name ?? account.email, role: account.role, locale: person?.locale ?? 'zh-CN', personId: person?.id ?? null };
}

// Verifying against a fixed hash when the account is unknown keeps response times alike.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(KEY_LENGTH).toString('base64');
