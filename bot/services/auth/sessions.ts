import { randomBytes } from 'node:crypto';
import { eq, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, sessions } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';
import { userFrom, userOf, type Role, type SessionUser } from './sessionUser';
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
  // Runs for every API request: one prepared statement, flat columns (drizzle's row mapping of the join was most of
  // it), the session, its account and the account's person at once (each statement outside a transaction begins a
  // read transaction of its own). unlinked: the id of a person with the account's e-mail, for an account without one.
  const lookup = preparedOnce(db, 'auth.session', () =>
    db.$client.prepare<[string, string], SessionRow>(
      `select a.id, a.email, a.password_hash as passwordHash, a.role, a.person_id as personId, a.created_at as createdAt, s.csrf_token as csrfToken,
              p.id as pId, p.name as pName, p.locale as pLocale, p.role as pRole, p.active as pActive,
              case when p.id is not null then exists (select 1 from people r where r.manager_id = p.id and r.active = 1) end as pHasReports,
              case when a.person_id is null then (select u.id from people u where u.email = a.email) end as unlinked
       from sessions s join accounts a on a.id = s.account_id left join people p on p.id = a.person_id
       where s.token_hash = ? and s.expires_at > ?`,
    ),
  );
  const found = lookup.get(sessionTokenHash(token), now.toISOString());
  if (!found) return undefined;
  const account: AccountRow = { id: found.id, email: found.email, passwordHash: found.passwordHash, role: found.role, personId: found.personId, createdAt: found.createdAt };
  // The account's person, read with it; an account still to be linked to its person (userOf links it) goes the long way.
  const user =
    found.personId === null && found.unlinked !== null
      ? userOf(db, account)
      : found.personId !== null && !found.pActive
        ? undefined
        : userFrom(account, found.pId === null ? undefined : { id: found.pId, name: found.pName!, locale: found.pLocale!, role: found.pRole!, active: found.pActive!, hasReports: found.pHasReports! });
  if (!user) {
    endAllSessions(db, account.id); // deactivated: every session of theirs ends here
    return undefined;
  }
  return { user, csrfToken: found.csrfToken };
}

type SessionRow = AccountRow & {
  csrfToken: string;
  pId: number | null;
  pName: string | null;
  pLocale: string | null;
  pRole: Role | null;
  pActive: number | null;
  pHasReports: number | null;
  unlinked: number | null;
};

export function endSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token))).run();
}

/** Signs an account out everywhere (a password change, "sign out everywhere", someone who left); returns how many ended. */
export function endAllSessions(db: Db, accountId: number): number {
  return db.delete(sessions).where(eq(sessions.accountId, accountId)).run().changes;
}
