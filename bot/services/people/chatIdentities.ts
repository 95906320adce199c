import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { identities, people } from '../../../db/schema';
import { preparedOnce } from '../preparedOnce';

export type ChatPlatform = (typeof identities.$inferSelect)['platform'];

export interface ChatPerson {
  id: number;
  name: string;
  email: string;
  locale: string;
  timezone: string;
  active: boolean;
}

const personColumns = { id: people.id, name: people.name, email: people.email, locale: people.locale, timezone: people.timezone, active: people.active };

/** The person behind a platform account (Slack user id, WeCom userid), if linked. Every incoming event asks. */
export function personByExternalId(db: Db, platform: ChatPlatform, externalId: string): ChatPerson | undefined {
  const statement = preparedOnce(db, 'chatIdentities.byExternalId', () =>
    db
      .select(personColumns)
      .from(identities)
      .innerJoin(people, eq(people.id, identities.personId))
      .where(and(eq(identities.platform, sql.placeholder('platform')), eq(identities.externalId, sql.placeholder('externalId'))))
      .prepare(),
  );
  return statement.get({ platform, externalId });
}

export function personByEmail(db: Db, email: string): ChatPerson | undefined {
  return db.select(personColumns).from(people).where(eq(people.email, email.trim().toLowerCase())).get();
}

/** A person's account on a platform, if known. */
export function externalIdOf(db: Db, personId: number, platform: ChatPlatform): string | undefined {
  return db
    .select({ id: identities.externalId })
    .from(identities)
    .where(and(eq(identities.personId, personId), eq(identities.platform, platform)))
    .get()?.id;
}

/**
 * Remembers that a platform account is this person's (found by e-mail). Never moves an account that is
 * already someone else's, and never replaces an account the person already has: those need an admin.
 */
export function linkIdentity(db: Db, personId: number, platform: ChatPlatform, externalId: string): 'linked' | 'taken' {
  const owner = personByExternalId(db, platform, externalId);
  if (owner) return owner.id === personId ? 'linked' : 'taken';
  if (externalIdOf(db, personId, platform) !== undefined) return 'taken';
  db.insert(identities).values({ personId, platform, externalId }).onConflictDoNothing().run();
  return externalIdOf(db, personId, platform) === externalId ? 'linked' : 'taken';
}

/** A person and their account on a platform (null when not linked yet), in one query: the outbox asks for every message. */
export function personWithAccount(db: Db, personId: number, platform: ChatPlatform): (ChatPerson & { externalId: string | null }) | undefined {
  const statement = preparedOnce(db, 'chatIdentities.withAccount', () =>
    db
      .select({ ...personColumns, externalId: identities.externalId })
      .from(people)
      .leftJoin(identities, and(eq(identities.personId, people.id), eq(identities.platform, sql.placeholder('platform'))))
      .where(eq(people.id, sql.placeholder('personId')))
      .prepare(),
  );
  return statement.get({ personId, platform });
}
