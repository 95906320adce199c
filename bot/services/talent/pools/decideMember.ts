import { inTransaction } from '../../../../db/client';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { changeMember, loadMember, reasonRequired, type MemberChange } from './memberChange';

/**
 * HR decides a proposal: accept (an optional note) or decline (a reason is required). Only a pending proposal can
 * be decided (409 not_proposed otherwise). Audited with the reason.
 */
export function decideMember(deps: ServiceDeps, input: { poolId: number; memberId: number; decision: 'accept' | 'decline'; reason?: string }, actor: string): MemberChange {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'decline' && !reason) throw reasonRequired('a reason is required to decline');
  return inTransaction(deps.db, () => {
    const row = loadMember(deps, input.poolId, input.memberId);
    if (row.status !== 'proposed') throw new AppError('not_proposed', `This person is ${row.status}, not a pending proposal.`, { status: 409, details: { status: row.status } });
    return input.decision === 'accept' ? changeMember(deps, row, 'accepted', reason, actor, 'talent_pool.accept') : changeMember(deps, row, 'declined', reason, actor, 'talent_pool.decline');
  });
}

