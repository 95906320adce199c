import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { calibrationSessions } from '../../../db/schema';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { loadSession } from './calibrationScope';

/** Locks the session: from now on nothing changes until HR reopens it. Audited. */
export function lockSession(deps: ServiceDeps, id: number, actor: string): void {
  inTransaction(deps.db, () => {
    const { session } = loadSession(deps.db, id);
    if (session.lockedAt) return;
    deps.db.update(calibrationSessions).set({ lockedAt: deps.now().toISOString(), lockedBy: actor }).where(eq(calibrationSessions.id, id)).run();
    appendAudit(deps.db, { actor, action: 'calibration.lock', entity: 'calibration_session', entityId: id }, deps.now());
  });
}

/** Reopens a locked session, with a reason, audited like the lock. */
export function reopenSession(deps: ServiceDeps, id: number, reason: string, actor: string): void {
  inTransaction(deps.db, () => {
    const { session } = loadSession(deps.db, id);
    if (!session.lockedAt) throw new AppError('session_open', 'The session is not locked.', { status: 409 });
    deps.db.update(calibrationSessions).set({ lockedAt: null, lockedBy: null }).where(eq(calibrationSessions.id, id)).run();
    appendAudit(deps.db, { actor, action: 'calibration.reopen', entity: 'calibration_session', entityId: id, before: { lockedAt: session.lockedAt }, reason }, deps.now());
  });
}

/** The meeting's minutes (会议纪要), kept with the session; not while it is locked. Audited. */
export function saveMinutes(deps: ServiceDeps, id: number, minutes: string, actor: string): void {
  inTransaction(deps.db, () => {
    const { session } = loadSession(deps.db, id);
    if (session.lockedAt) throw new AppError('session_locked', 'The session is locked; HR must reopen it before anything changes.', { status: 409 });
    deps.db.update(calibrationSessions).set({ minutes }).where(eq(calibrationSessions.id, id)).run();
    appendAudit(deps.db, { actor, action: 'calibration.minutes', entity: 'calibration_session', entityId: id, before: session.minutes, after: minutes }, deps.now());
  });
}
