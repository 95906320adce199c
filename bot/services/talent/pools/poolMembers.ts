import type { Db } from '../../../../db/client';
import type { PoolMemberStatus, PoolReason } from '../../../../db/schema/talentPools';
import { loadPool, type PoolRow } from './poolContext';

export interface PoolMember {
  id: number;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  status: PoolMemberStatus;
  /** The rule explained for them when proposed, zh-CN and en. */
  reason: PoolReason;
  cycle: { id: number; name: string } | null;
  proposedAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

/** A pool's people (all, or one status), newest activity first: one indexed query. */
export function poolMembers(db: Db, poolId: number, status?: PoolMemberStatus): PoolMember[] {
  const rows = db.$client
    .prepare<[number, string | null, string | null], Omit<PoolMember, 'reason' | 'cycle'> & { reason: string; cycleId: number | null; cycleName: string | null }>(
      `select m.id, m.person_id as personId, p.name, p.email, d.path as department, m.status, m.reason,
              m.cycle_id as cycleId, c.name as cycleName, m.proposed_at as proposedAt,
              m.decided_by as decidedBy, m.decision_reason as decisionReason, m.decided_at as decidedAt
       from talent_pool_members m join people p on p.id = m.person_id
       left join departments d on d.id = p.department_id left join review_cycles c on c.id = m.cycle_id
       where m.pool_id = ? and (? is null or m.status = ?)
       order by coalesce(m.decided_at, m.proposed_at) desc, m.id desc`,
    )
    .all(poolId, status ?? null, status ?? null);
  return rows.map(({ reason, cycleId, cycleName, ...m }) => ({ ...m, reason: JSON.parse(reason) as PoolReason, cycle: cycleId === null ? null : { id: cycleId, name: cycleName! } }));
}

/** A pool's page: the pool and its people (all, or one status). */
export function poolView(db: Db, poolId: number, status?: PoolMemberStatus): { pool: PoolRow; members: PoolMember[] } {
  return { pool: loadPool(db, poolId), members: poolMembers(db, poolId, status) };
}
