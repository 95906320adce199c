import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../context';

export interface OrgNode {
  id: number;
  name: string;
  department: string | null;
  jobFunction: string;
  /** null at a root: nobody above, or the manager is outside what the reader sees. */
  managerId: number | null;
}

/**
 * The org chart as the reader may see it: active people with their manager (a tree by manager_id, built by the
 * console), ordered by name. `personIds` from the access policy (null: everyone); one query.
 */
export function orgChart(deps: ServiceDeps, personIds: number[] | null): { nodes: OrgNode[] } {
  const scope = personIds ? JSON.stringify(personIds) : null;
  const rows = deps.db.all<OrgNode>(sql`
    select p.id, p.name, d.path as department, p.job_function as jobFunction, p.manager_id as managerId
    from people p left join departments d on d.id = p.department_id
    where p.active = 1 and (${scope} is null or p.id in (select value from json_each(${scope})))
    order by p.name, p.id`);
  const seen = new Set(rows.map((r) => r.id));
  return { nodes: rows.map((r) => ({ ...r, managerId: r.managerId != null && seen.has(r.managerId) ? r.managerId : null })) };
}
