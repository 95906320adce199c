import { and, asc, eq, gte, lte, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { holidays, leaves, people } from '../../../db/schema';
import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { appendAudit } from '../audit';

export const holidayInput = z.strictObject({ date: z.iso.date(), name: z.string().trim().min(1).max(100), kind: z.enum(['off', 'work']).default('off') });
export const leaveInput = z
  .strictObject({ email: z.email(), startDate: z.iso.date(), endDate: z.iso.date(), reason: z.string().trim().max(200).optional() })
  .refine((l) => l.endDate >= l.startDate, { message: 'endDate must not be before startDate', path: ['endDate'] });

/** Company days on top of the national calendar (extra days off, or extra working days), by date. */
export function listHolidays(deps: ServiceDeps, year?: number) {
  const q = deps.db.select().from(holidays);
  return (year ? q.where(and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`))) : q).orderBy(asc(holidays.date)).all();
}

/** Adds or replaces the company entry for a date; audited, since it moves everyone's schedule. */
export function setHoliday(deps: ServiceDeps, actor: string, input: z.infer<typeof holidayInput>) {
  return inTransaction(deps.db, () => {
    const before = deps.db.select().from(holidays).where(eq(holidays.date, input.date)).get();
    const saved = deps.db.insert(holidays).values(input).onConflictDoUpdate({ target: holidays.date, set: { name: input.name, kind: input.kind } }).returning().get();
    appendAudit(deps.db, { actor, action: 'holiday.set', entity: 'holiday', entityId: input.date, before, after: saved }, deps.now());
    return saved;
  });
}

export function removeHoliday(deps: ServiceDeps, actor: string, date: string) {
  return inTransaction(deps.db, () => {
    const before = deps.db.select().from(holidays).where(eq(holidays.date, date)).get();
    if (!before) throw new AppError('not_found', `No company day on ${date}.`, { status: 404 });
    deps.db.delete(holidays).where(eq(holidays.id, before.id)).run();
    appendAudit(deps.db, { actor, action: 'holiday.remove', entity: 'holiday', entityId: date, before }, deps.now());
  });
}

/** Leave in a date range; `personIds` (from the access policy) limits it to the people the reader may see. */
export function listLeaves(deps: ServiceDeps, filter: { email?: string; from?: string; to?: string; personIds?: number[] | null }) {
  const conds = [];
  if (filter.personIds) conds.push(inArray(leaves.personId, filter.personIds));
  if (filter.email) conds.push(eq(people.email, filter.email.toLowerCase()));
  if (filter.from) conds.push(gte(leaves.endDate, filter.from));
  if (filter.to) conds.push(lte(leaves.startDate, filter.to));
  return deps.db
    .select({ id: leaves.id, email: people.email, name: people.name, startDate: leaves.startDate, endDate: leaves.endDate, reason: leaves.reason })
    .from(leaves)
    .innerJoin(people, eq(people.id, leaves.personId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(leaves.startDate))
    .all();
}

/** Records leave: nobody is asked, reminded or escalated about on those days. */
export function addLeave(deps: ServiceDeps, input: z.infer<typeof leaveInput>) {
  const person = deps.db.select({ id: people.id }).from(people).where(eq(people.email, input.email.toLowerCase())).get();
  if (!person) throw new AppError('not_found', `No person with e-mail ${input.email}.`, { status: 404 });
  return deps.db.insert(leaves).values({ personId: person.id, startDate: input.startDate, endDate: input.endDate, reason: input.reason ?? null }).returning().get();
}

export function removeLeave(deps: ServiceDeps, id: number) {
  if (deps.db.delete(leaves).where(eq(leaves.id, id)).run().changes === 0) throw new AppError('not_found', `No leave ${id}.`, { status: 404 });
}
