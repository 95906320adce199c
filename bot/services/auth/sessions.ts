import { randomBytes } from 'node:crypto';
import { eq, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, sessions } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';
import { userOf, type SessionUser } from './sessionUser';
import { newToken, sessionTokenHash, tokenHash } from './tokens';

type AccountRow = typeof accounts.$inferSelect;

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
  // Runs for every API request: prepared once, flat columns (drizzle's row mapping of the join was most of it).
  const lookup = preparedOnce(db, 'auth.session', () =>
    db.$client.prepare<[string, string], AccountRow & { csrfToken: string }>(
      `select a.id, a.email, a.password_hash as passwordHash, a.role, a.person_id as personId, a.created_at as createdAt, s.csrf_token as csrfToken
       from sessions s join accounts a on a.id = s.account_id where s.token_hash = ? and s.expires_at > ?`,
    ),
  );
  const found = lookup.get(sessionTokenHash(token), now.toISOString());
  if (!found) return undefined;
  const { csrfToken, ...account } = found;
  const row = { account, csrfToken };
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
