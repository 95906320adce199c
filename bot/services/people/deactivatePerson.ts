import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { Access } from '../auth/policy';
import { forbidden } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { recomputeDepartmentLeaders } from './departments';

/**
 * Deactivates a person (HR, admin; never yourself; an admin only by an admin). Nothing is deleted: answers, goals,
 * points and reviews stay readable. From now on no job asks, reminds or escalates about them (every job selects
 * active people), their open standup requests are excused (no reminder, not missing), their sessions end (a
 * session of an inactive person is refused), and their active reports move up to their own manager. One
 * transaction with the audit entry.
 */
export function deactivatePerson(deps: ServiceDeps, access: Access, actor: string, personId: number, reason: string) {
  return inTransaction(deps.db, () => {
    const c = deps.db.$client;
    const person = c
      .prepare<[number], { id: number; email: string; role: string; active: number; managerId: number | null }>('select id, email, role, active, manager_id as managerId from people where id = ?')
      .get(personId);
    if (!person) throw new AppError('not_found', 'No such person.', { status: 404 });
    if (access.user.personId === personId) throw new AppError('own_account', 'You may not deactivate yourself.', { status: 409 });
    if (person.role === 'admin' && access.user.role !== 'admin') throw forbidden('Only an admin may deactivate an admin.');
    if (!person.active) throw new AppError('already_inactive', 'This person is already inactive.', { status: 409 });
    const at = deps.now().toISOString();
    c.prepare('update people set active = 0, updated_at = ? where id = ?').run(at, personId);
    const moved = c
      .prepare<[number | null, string, number], { email: string }>('update people set manager_id = ?, updated_at = ? where manager_id = ? and active = 1 returning email')
      .all(person.managerId, at, personId)
      .map((r) => r.email);
    const excused = c
      .prepare(
        `update standup_requests set excused_at = ? where person_id = ? and completed_at is null and excused_at is null
           and round_id in (select id from standup_rounds where closed_at is null)`,
      )
      .run(at, personId).changes;
    recomputeDepartmentLeaders(deps.db);
    const newManager = person.managerId == null ? null : c.prepare<[number], { email: string }>('select email from people where id = ?').get(person.managerId)!.email;
    appendAudit(deps.db, {
      actor, action: 'person.deactivate', entity: 'person', entityId: personId,
      before: { personId, email: person.email, active: true },
      after: { personId, email: person.email, active: false, reportsMovedTo: moved.length ? newManager : null, reportsMoved: moved, standupsExcused: excused },
      reason,
    }, deps.now());
    return { deactivated: true, reportsMoved: moved, standupsExcused: excused };
  });
}
