import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client';
import { accounts, people } from '../../../db/schema';
import { hashPassword, verifyPassword } from './passwords';
import { endAllSessions } from './sessions';

/**
 * Creates or refreshes the first admin from config; with no password given, generates one to print once.
 * A changed ADMIN_PASSWORD ends the admin's sessions, as any password change does.
 */
export async function ensureAdmin(db: Db, email: string, password: string | undefined, now: Date): Promise<{ generatedPassword?: string }> {
  const address = email.toLowerCase();
  const existing = db.select().from(accounts).where(eq(accounts.email, address)).get();
  if (existing?.passwordHash && (!password || (await verifyPassword(password, existing.passwordHash)))) {
    if (existing.role !== 'admin') db.update(accounts).set({ role: 'admin' }).where(eq(accounts.id, existing.id)).run();
    return {};
  }
  const generatedPassword = password ? undefined : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  const person = db.select({ id: people.id }).from(people).where(eq(people.email, address)).get();
  db.insert(accounts)
    .values({ email: address, passwordHash, role: 'admin', personId: person?.id ?? null, createdAt: now.toISOString() })
    .onConflictDoUpdate({ target: accounts.email, set: { passwordHash, role: 'admin' } })
    .run();
  if (existing) endAllSessions(db, existing.id);
  return { generatedPassword };
}
