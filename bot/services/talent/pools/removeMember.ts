import { inTransaction } from '../../../../db/client';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { changeMember, loadMember, reasonRequired, type MemberChange } from './memberChange';

/** HR takes a member out of a pool, with a reason (required). Audited; counted as flow out of the pool. */
export function removeMember(deps: ServiceDeps, input: { poolId: number; memberId: number; reason: string }, actor: string): MemberChange {
  const reason = input.reason.trim();
  if (!reason) throw reasonRequired('a reason is required to remove someone from a pool');
  return inTransaction(deps.db, () => {
    const row = loadMember(deps, input.poolId, input.memberId);
    if (row.status !== 'accepted') throw new AppError('not_member', `This person is ${row.status}, not a member of the pool.`, { status: 409, details: { status: row.status } });
    return changeMember(deps, row, 'removed', reason, actor, 'talent_pool.remove');
  });
}
