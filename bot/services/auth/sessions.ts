import { randomBytes } from 'node:crypto';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, sessions } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';
import { userOf, type SessionUser } from './sessionUser';
import { newToken, tokenHash } from './tokens';

export interface OpenedSession {
  token: string;
  csrfToken: string;
  user: SessionUser;
}

/** Opens a session for an account (any way in ends here); expired sessions are swept on the way. */
export function openSession(db: Db, account: typeof accounts.$inferSelect, now: Date, ttlHours: number): OpenedSession {
  const user = userOf(db, account);
  if (!user) throw new Error(`account ${account.id} belongs to someone who has left`);
  const token = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  db.delete(sessions).where(lte(sessions.expiresAt, now.toISOString())).run();
  db.insert(sessions)
    .values({ tokenHash: tokenHash(token), accountId: account.id, csrfToken, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlHours * 3600_000).toISOString() })
    .run();
  return { token, csrfToken, user };
}

/** The user behind a session cookie; none when it expired, was ended, or its person has left. */
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
  if (!row) return undefined;
  const user = userOf(db, row.account);
  if (!user) {
    endAllSessions(db, row.account.id); // deactivated: every session of theirs ends here
    return undefined;
  }
  return { user, csrfToken: row.csrfToken };
}

export function endSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token))).run();
}

/** Signs an account out everywhere (a password change, "sign out everywhere", someone who left); returns how many ended. */
export function endAllSessions(db: Db, accountId: number): number {
  return db.delete(sessions).where(eq(sessions.accountId, accountId)).run().changes;
}
