import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, auditLog, people } from '../../db/schema';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  /** A person's e-mail: entries about that person (see personMatch). */
  person?: string;
  /**
   * Who did it: an account's e-mail (matched as the stored `account:<id>`), or a stored actor as it is (`system`,
   * `account:12`). An unknown e-mail matches nothing.
   */
  actor?: string;
  /** ISO date (`2026-11-01`, from the start of that UTC day) or timestamp, inclusive. */
  from?: string;
  /** ISO date (`2026-11-30`, to the end of that UTC day) or timestamp, inclusive. */
  to?: string;
  /** Entries older than this id (the previous page's `next`). */
  before?: number;
  limit: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** The e-mail of the account behind an `account:<id>` actor, else null. */
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const startOf = (from: string) => (DATE.test(from) ? `${from}T00:00:00.000Z` : new Date(from).toISOString());

/** The first instant after `to`: the next UTC day for a date, else the timestamp itself (compared inclusively). */
function endOf(to: string): { value: string; inclusive: boolean } {
  if (!DATE.test(to)) return { value: new Date(to).toISOString(), inclusive: true };
  const next = new Date(`${to}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { value: next.toISOString(), inclusive: false };
}

/**
 * Entries about a person, from the stored columns alone:
 * - entity `person` (point adjustments) with entity_id the person's id;
 * - entity `review`, `metric_value`, `redemption`, `goal` whose entity_id is a row of that person (reviews.person_id,
 *   metric_values.person_id, redemptions.person_id, goals.owner_id);
 * - any entry whose before or after JSON names them: `personId` or `ownerId` equal to their id (a deleted goal keeps
 *   its owner only there) or `email` equal to their e-mail (metric corrections).
 * Template, scale, reward, holiday and ladder changes are about nobody in particular and never match.
 */
function personMatch(personId: number, email: string): SQL {
  const id = String(personId);
  const named = (col: typeof auditLog.before | typeof auditLog.after) =>
    sql`(json_extract(${col}, '$.personId') = ${personId} or json_extract(${col}, '$.ownerId') = ${personId} or lower(json_extract(${col}, '$.email')) = ${email})`;
  return sql`(
    (${auditLog.entity} = 'person' and ${auditLog.entityId} = ${id})
    or (${auditLog.entity} = 'review' and ${auditLog.entityId} in (select cast(id as text) from reviews where person_id = ${personId}))
    or (${auditLog.entity} = 'metric_value' and ${auditLog.entityId} in (select cast(id as text) from metric_values where person_id = ${personId}))
    or (${auditLog.entity} = 'redemption' and ${auditLog.entityId} in (select cast(id as text) from redemptions where person_id = ${personId}))
    or (${auditLog.entity} = 'goal' and ${auditLog.entityId} in (select cast(id as text) from goals where owner_id = ${personId}))
    or (json_valid(${auditLog.before}) and json_type(${auditLog.before}) = 'object' and ${named(auditLog.before)})
    or (json_valid(${auditLog.after}) and json_type(${auditLog.after}) = 'object' and ${named(auditLog.after)})
  )`;
}

/** The audit trail newest first, filtered, one page at a time (by id); `next` is the id to pass as `before`. */
export function listAudit(db: Db, filter: AuditFilter): { entries: AuditEntry[]; next?: number } {
  const where: (SQL | undefined)[] = [];
  if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.person) {
    const email = filter.person.trim().toLowerCase();
    const person = db.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = ${email}`).get();
    if (!person) return { entries: [] };
    where.push(personMatch(person.id, email));
  }
  if (filter.actor) {
    const wanted = filter.actor.trim();
    if (wanted.includes('@')) {
      const account = db.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.email}) = ${wanted.toLowerCase()}`).get();
      if (!account) return { entries: [] };
      where.push(eq(auditLog.actor, `account:${account.id}`));
    } else {
      where.push(eq(auditLog.actor, wanted));
    }
  }
  if (filter.from) where.push(gte(auditLog.at, startOf(filter.from)));
  if (filter.to) {
    const end = endOf(filter.to);
    where.push(end.inclusive ? lte(auditLog.at, end.value) : lt(auditLog.at, end.value));
  }
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      actorEmail: sql<string | null>`(select ${accounts.email} from ${accounts} where ${auditLog.actor} like 'account:%' and ${accounts.id} = cast(substr(${auditLog.actor}, 9) as integer))`,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1)
    .all();
  const more = rows.length > filter.limit;
  const entries = more ? rows.slice(0, filter.limit) : rows;
  return more ? { entries, next: entries.at(-1)!.id } : { entries };
}
