import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { mentorships } from '../../../../db/schema';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';

/** Ends a mentorship with a reason (HR, admin): no more monthly check-ins; audited `mentorship.end`. Ended → 409. */
export function endMentorship(deps: ServiceDeps, input: { id: number; reason: string; actor: string }) {
  const now = deps.now();
  return inTransaction(deps.db, () => {
    const m = deps.db.select().from(mentorships).where(eq(mentorships.id, input.id)).get();
    if (!m) throw new AppError('not_found', 'No such mentorship.', { status: 404 });
    if (m.status !== 'active') throw new AppError('mentorship_ended', 'This mentorship has ended already.', { status: 409 });
    deps.db.update(mentorships).set({ status: 'ended', endedAt: now.toISOString(), endedBy: input.actor, endReason: input.reason }).where(eq(mentorships.id, m.id)).run();
    appendAudit(deps.db, { actor: input.actor, action: 'mentorship.end', entity: 'mentorship', entityId: m.id, before: { status: 'active' }, after: { status: 'ended', mentorId: m.mentorId, menteeId: m.menteeId, personId: m.menteeId }, reason: input.reason }, now);
    return { id: m.id, status: 'ended' as const };
  });
}
