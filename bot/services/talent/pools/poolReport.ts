import type { Db } from '../../../../db/client';
import { DEFAULT_SCALE, rankOf, type ScaleGrade } from '../../../domain/ratingScale';

/** Aggregate talent views never show a group of fewer people than this (pool breakdowns by department). */
export const MIN_GROUP = 5;

/** Members who keep a high rating: of those with a released review after they joined, how many had only high grades. */
export interface Keep {
  /** Members with at least one review released after their acceptance. */
  eligible: number;
  /** Of them, those whose every such review is high (the cycle scale's two best grades: S, A). */
  kept: number;
  share: number | null;
}
export interface PoolFlow {
  cycleId: number | null;
  cycle: string | null;
  proposed: number;
  /** Accepted into the pool. */
  in: number;
  declined: number;
  /** Removed from the pool. */
  out: number;
}
export interface PoolDepartment {
  department: string;
  members: number;
  keep: Keep;
}
export interface PoolReportRow {
  id: number;
  name: string;
  active: boolean;
  /** Members now (accepted). */
  size: number;
  /** Proposals waiting for HR. */
  proposed: number;
  keep: Keep;
  /** Per released cycle (the latest released one when it happened; null: before any release), oldest first. */
  flow: PoolFlow[];
  /** Members by top-level department, groups under MIN_GROUP hidden (and the next smallest until the hidden add up). */
  departments: PoolDepartment[];
  /** Members in hidden department groups. */
  hiddenMembers: number;
}
export interface PoolReport {
  minGroup: number;
  pools: PoolReportRow[];
}

const keepOf = (eligible: number, kept: number): Keep => ({ eligible, kept, share: eligible ? Math.round((kept / eligible) * 1000) / 1000 : null });

/**
 * Pool sizes, the flow in and out per cycle, the share of members keeping a high rating in cycles released after
 * they joined, and the members by department (small groups hidden). Four grouped queries for every pool.
 */
export function poolReport(db: Db): PoolReport {
  const c = db.$client;
  const pools = c.prepare<[], { id: number; name: string; active: number }>(`select id, name, active from talent_pools order by name`).all();
  const members = c
    .prepare<[], { poolId: number; personId: number; status: string; department: string | null }>(
      `select m.pool_id as poolId, m.person_id as personId, m.status,
              case when d.path is null then null when instr(d.path, '/') = 0 then d.path else substr(d.path, 1, instr(d.path, '/') - 1) end as department
       from talent_pool_members m join people p on p.id = m.person_id left join departments d on d.id = p.department_id
       where m.status in ('accepted', 'proposed')`,
    )
    .all();
  const flows = c
    .prepare<[], { poolId: number; cycleId: number | null; cycle: string | null; releasedAt: string | null; event: string; n: number }>(
      `select e.pool_id as poolId, e.cycle_id as cycleId, c.name as cycle, c.released_at as releasedAt, e.event, count(*) as n
       from talent_pool_events e left join review_cycles c on c.id = e.cycle_id
       group by e.pool_id, e.cycle_id, e.event`,
    )
    .all();
  // every review released after the member's acceptance, graded on its cycle's scale
  const later = c
    .prepare<[], { poolId: number; personId: number; grade: string; scale: string | null }>(
      `select m.pool_id as poolId, m.person_id as personId, r.grade, c.scale
       from talent_pool_members m join reviews r on r.person_id = m.person_id join review_cycles c on c.id = r.cycle_id
       where m.status = 'accepted' and c.status = 'released' and c.released_at > m.decided_at and r.grade is not null`,
    )
    .all();
  const high = new Map<string, boolean>(); // pool:person → every later grade high
  for (const r of later) {
    const scale = r.scale ? (JSON.parse(r.scale) as ScaleGrade[]) : DEFAULT_SCALE;
    const key = `${r.poolId}:${r.personId}`;
    high.set(key, (high.get(key) ?? true) && rankOf(scale, r.grade) <= 1);
  }
  const keepFor = (poolId: number, people: number[]) => {
    const judged = people.filter((p) => high.has(`${poolId}:${p}`));
    return keepOf(judged.length, judged.filter((p) => high.get(`${poolId}:${p}`)).length);
  };

  return {
    minGroup: MIN_GROUP,
    pools: pools.map((pool) => {
      const mine = members.filter((m) => m.poolId === pool.id);
      const accepted = mine.filter((m) => m.status === 'accepted');
      const byDept = new Map<string, number[]>();
      for (const m of accepted) byDept.set(m.department ?? '—', [...(byDept.get(m.department ?? '—') ?? []), m.personId]);
      const groups = [...byDept].map(([department, people]) => ({ department, people }));
      const shown = suppress(groups);
      const flow = new Map<number | null, PoolFlow & { releasedAt: string | null }>();
      for (const f of flows.filter((x) => x.poolId === pool.id)) {
        const row = flow.get(f.cycleId) ?? { cycleId: f.cycleId, cycle: f.cycle, releasedAt: f.releasedAt, proposed: 0, in: 0, declined: 0, out: 0 };
        if (f.event === 'proposed') row.proposed += f.n;
        if (f.event === 'accepted') row.in += f.n;
        if (f.event === 'declined') row.declined += f.n;
        if (f.event === 'removed') row.out += f.n;
        flow.set(f.cycleId, row);
      }
      return {
        id: pool.id,
        name: pool.name,
        active: pool.active === 1,
        size: accepted.length,
        proposed: mine.length - accepted.length,
        keep: keepFor(pool.id, accepted.map((m) => m.personId)),
        flow: [...flow.values()].sort((a, b) => (a.releasedAt ?? '').localeCompare(b.releasedAt ?? '')).map(({ releasedAt: _r, ...f }) => f),
        departments: shown.map((g) => ({ department: g.department, members: g.people.length, keep: keepFor(pool.id, g.people) })).sort((a, b) => b.members - a.members || a.department.localeCompare(b.department)),
        hiddenMembers: accepted.length - shown.reduce((n, g) => n + g.people.length, 0),
      };
    }),
  };
}

/** Groups under MIN_GROUP hidden, then the smallest shown ones until the hidden ones add up to MIN_GROUP or more. */
function suppress<T extends { people: number[] }>(groups: T[]): T[] {
  const shown = groups.filter((g) => g.people.length >= MIN_GROUP).sort((a, b) => a.people.length - b.people.length);
  let hidden = groups.filter((g) => g.people.length < MIN_GROUP).reduce((n, g) => n + g.people.length, 0);
  while (hidden > 0 && hidden < MIN_GROUP && shown.length > 0) hidden += shown.shift()!.people.length;
  return groups.filter((g) => shown.includes(g));
}
