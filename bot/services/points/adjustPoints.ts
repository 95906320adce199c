import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { appendAudit } from '../audit';
import { balanceOf, recordLedger } from './points';

/** A manual correction by HR or an admin: a new ledger entry with a reason, recorded in the audit trail. */
export function adjustPoints(deps: ServiceDeps, input: { personId: number; amount: number; reason: string; actor: string }) {
  if (!Number.isInteger(input.amount) || input.amount === 0) throw new AppError('invalid_amount', 'The amount must be a non-zero whole number.');
  if (!input.reason.trim()) throw new AppError('reason_required', 'A manual adjustment needs a reason.');
  return inTransaction(deps.db, () => {
    const person = deps.db.select({ id: people.id, timezone: people.timezone }).from(people).where(eq(people.id, input.personId)).get();
    if (!person) throw new AppError('not_found', `No person ${input.personId}.`, { status: 404 });
    const before = balanceOf(deps.db, person.id);
    if (before + input.amount < 0) throw new AppError('insufficient_points', `The balance would go below zero (${before} ${input.amount}).`, { status: 409 });
    const sourceKey = `adjustment:${randomUUID()}`;
    recordLedger(deps.db, { personId: person.id, amount: input.amount, kind: 'adjustment', reason: input.reason.trim(), sourceKey, actor: input.actor }, deps.now(), person.timezone);
    appendAudit(deps.db, { actor: input.actor, action: 'points.adjust', entity: 'person', entityId: person.id, before: { balance: before }, after: { balance: before + input.amount, sourceKey }, reason: input.reason.trim() }, deps.now());
    return { balance: before + input.amount, sourceKey };
  });
}
