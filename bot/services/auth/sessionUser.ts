import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, people } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';

export type Role = 'admin' | 'hr' | 'manager' | 'employee';
/** The console page a role starts on. */
export type Landing = 'me' | 'team' | 'hr' | 'setup';

export interface SessionUser {
  /** The account's id. */
  id: number;
  email: string;
  name: string;
  /** From the directory; the first admin (ADMIN_EMAIL) is always admin. */
  role: Role;
  locale: string;
  personId: number | null;
  /** Has reports (or the manager role): sees My team, for the whole reporting subtree. */
  isManager: boolean;
  landing: Landing;
  hasPassword: boolean;
}

type AccountRow = typeof accounts.$inferSelect;

/** The signed-in user an account stands for, or undefined when its person has left (deactivated). */
export function userOf(db: Db, account: AccountRow): SessionUser | undefined {
  // Every API request runs this (through sessionFor): prepared once, flat columns, no row mapping.
  const personOf = preparedOnce(db, 'auth.person', () =>
    db.$client.prepare<[number], UserPersonRow>(
      `select p.id, p.name, p.locale, p.role, p.active,
              exists (select 1 from people r where r.manager_id = p.id and r.active = 1) as hasReports
       from people p where p.id = ?`,
    ),
  );
  const personId = account.personId ?? linkToPerson(db, account);
  const person = personId != null ? personOf.get(personId) : undefined;
  if (personId != null && !person?.active) return undefined;
  return userFrom(account, person);
}

/** The person columns userOf reads (hasReports: someone active reports to them). */
export interface UserPersonRow {
  id: number;
  name: string;
  locale: string;
  role: Role;
  active: number;
  hasReports: number;
}

/** The signed-in user of an account and its (active) person, already read: the session lookup reads both at once. */
export function userFrom(account: AccountRow, person: UserPersonRow | undefined): SessionUser {
  const role: Role = account.role === 'admin' ? 'admin' : (person?.role ?? account.role);
  const isManager = Boolean(person?.hasReports) || role === 'manager';
  return {
    id: account.id,
    email: account.email,
    name: person?.name ?? account.email,
    role,
    locale: person?.locale ?? 'zh-CN',
    personId: person?.id ?? null,
    isManager,
    landing: landingOf(role, isManager, person !== undefined),
    hasPassword: account.passwordHash !== null,
  };
}

/** The first admin's account is made before the directory is loaded: it joins its person once one has its e-mail. */
function linkToPerson(db: Db, account: AccountRow): number | null {
  // The admin made before the directory runs this on every request until a person has its e-mail: prepared once.
  const byEmail = preparedOnce(db, 'auth.personByEmail', () => db.$client.prepare<[string], { id: number }>('select id from people where email = ?'));
  const person = byEmail.get(account.email);
  if (person) db.update(accounts).set({ personId: person.id }).where(eq(accounts.id, account.id)).run();
  return person?.id ?? null;
}

function landingOf(role: Role, isManager: boolean, hasPerson: boolean): Landing {
  if (role === 'admin') return 'setup';
  if (role === 'hr') return 'hr';
  if (isManager) return 'team';
  return hasPerson ? 'me' : 'setup';
}

/**
 * The account of a person from the directory, made on their first sign-in. Its own role stays 'employee':
 * the effective role is read from the directory at every request, so a change there applies at once.
 */
export function accountForPerson(db: Db, personId: number, now: Date): AccountRow | undefined {
  const person = db.select({ id: people.id, email: people.email }).from(people).where(and(eq(people.id, personId), eq(people.active, true))).get();
  if (!person) return undefined;
  db.insert(accounts)
    .values({ email: person.email, passwordHash: null, role: 'employee', personId: person.id, createdAt: now.toISOString() })
    .onConflictDoUpdate({ target: accounts.email, set: { personId: person.id } })
    .run();
  return db.select().from(accounts).where(eq(accounts.email, person.email)).get();
}
