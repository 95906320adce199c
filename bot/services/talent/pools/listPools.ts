import type { Db } from '../../../../db/client';

export interface PoolSummary {
  id: number;
  name: string;
  description: string;
  rule: string;
  active: boolean;
  /** Members by status: proposed (waiting for HR), accepted (in the pool), declined, removed. */
  counts: { proposed: number; accepted: number; declined: number; removed: number };
  updatedAt: string;
}

/** Every pool with its member counts: one grouped query. */
export function listPools(db: Db): PoolSummary[] {
  const rows = db.$client
    .prepare<[], { id: number; name: string; description: string; rule: string; active: number; updatedAt: string; proposed: number; accepted: number; declined: number; removed: number }>(
      `select p.id, p.name, p.description, p.rule, p.active, p.updated_at as updatedAt,
              count(case when m.status = 'proposed' then 1 end) as proposed, count(case when m.status = 'accepted' then 1 end) as accepted,
              count(case when m.status = 'declined' then 1 end) as declined, count(case when m.status = 'removed' then 1 end) as removed
       from talent_pools p left join talent_pool_members m on m.pool_id = p.id
       group by p.id order by p.active desc, p.name`,
    )
    .all();
  return rows.map(({ proposed, accepted, declined, removed, active, ...p }) => ({ ...p, active: active === 1, counts: { proposed, accepted, declined, removed } }));
}
