import type { PoolMemberStatus } from '../../../../db/schema/talentPools';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';
import { latestReleasedCycle } from './poolContext';

/** What deciding, declining and removing share: the member row, and one recorded change of its status. */

export interface MemberRow {
  id: number;
  poolId: number;
  personId: number;
  status: PoolMemberStatus;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface MemberChange {
  id: number;
  poolId: number;
  personId: number;
  status: PoolMemberStatus;
  decidedBy: string;
  decisionReason: string | null;
  decidedAt: string;
}

export function loadMember(deps: ServiceDeps, poolId: number, memberId: number): MemberRow {
  const row = deps.db.$client
    .prepare<[number, number], MemberRow>(
      `select id, pool_id as poolId, person_id as personId, status, decided_by as decidedBy, decision_reason as decisionReason from talent_pool_members where id = ? and pool_id = ?`,
    )
    .get(memberId, poolId);
  if (!row) throw new AppError('not_found', 'No such member or proposal in this pool.', { status: 404 });
  return row;
}

export const reasonRequired = (message: string) => new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'reason', code: 'reason_required', message }] });

/** Records a change of a member's status: the live row, an event of the current cycle, an audit row; one transaction. */
export function changeMember(deps: ServiceDeps, row: MemberRow, status: PoolMemberStatus, reason: string | null, actor: string, action: string): MemberChange {
  const at = deps.now().toISOString();
  const cycleId = latestReleasedCycle(deps.db)?.id ?? null;
  const c = deps.db.$client;
  c.prepare(`update talent_pool_members set status = ?, decided_by = ?, decision_reason = ?, decided_at = ?, decided_cycle_id = ?, updated_at = ? where id = ?`).run(
    status, actor, reason, at, cycleId, at, row.id,
  );
  c.prepare(`insert into talent_pool_events (pool_id, person_id, member_id, event, cycle_id, actor, reason, at) values (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.poolId, row.personId, row.id, status, cycleId, actor, reason, at,
  );
  appendAudit(
    deps.db,
    { actor, action, entity: 'talent_pool_member', entityId: row.id, before: { pool: row.poolId, person: row.personId, status: row.status }, after: { pool: row.poolId, person: row.personId, status, cycle: cycleId }, reason: reason ?? undefined },
    deps.now(),
  );
  return { id: row.id, poolId: row.poolId, personId: row.personId, status, decidedBy: actor, decisionReason: reason, decidedAt: at };
}

