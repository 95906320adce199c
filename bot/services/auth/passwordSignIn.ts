import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts } from '../../../db/schema';
import { AppError } from '../../errors';
import { verifyPassword } from './passwords';
import { openSession, type OpenedSession } from './sessions';
import { userOf } from './sessionUser';

/** Checks the password and opens a session; the same error for an unknown e-mail, no password and a wrong one. */
export async function signInWithPassword(db: Db, email: string, password: string, now: Date, ttlHours: number): Promise<OpenedSession> {
  const account = db.select().from(accounts).where(eq(accounts.email, email.trim().toLowerCase())).get();
  const ok = await verifyPassword(password, account?.passwordHash ?? null);
  if (!account || !ok || !userOf(db, account)) throw new AppError('invalid_credentials', 'E-mail or password is wrong.', { status: 401 });
  return openSession(db, account, now, ttlHours);
}
