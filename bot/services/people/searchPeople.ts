import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../context';
import type { PersonPlatform } from './chatPlatform';

export interface PersonSummary {
  id: number;
  name: string;
  email: string;
  employeeNo: string;
  department: string | null;
  jobFunction: string;
  role: string;
  locale: string;
  platform: PersonPlatform;
  active: boolean;
  manager: { id: number; name: string } | null;
  reports: number;
}

export interface PeopleFilter {
  /** Part of the name, e-mail or employee number. */
  q?: string;
  /** A department path: that department and every one below it. */
  department?: string;
  role?: 'employee' | 'manager' | 'hr' | 'admin';
  /** Direct reports of this person. */
  managerId?: number;
  status?: 'active' | 'inactive' | 'all';
  platform?: PersonPlatform;
  limit?: number;
  offset?: number;
}

/**
 * The directory as a reader sees it: people whose name, e-mail or employee number contains q, filtered by
 * department (with its subtree), role, manager, active or not and chat platform, by name, one page at a time.
 * `personIds` (from the access policy) limits it to the people the reader may see (null: everyone). The platform
 * is decided in SQL the way chatPlatformOf decides it (so the filter and the column agree); two queries per page.
 */
export function searchPeople(deps: ServiceDeps, filter: PeopleFilter, personIds: number[] | null): { people: PersonSummary[]; total: number } {
  const q = filter.q ?? '';
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const scope = personIds ? JSON.stringify(personIds) : null;
  const dept = filter.department ?? null;
  const status = filter.status ?? 'active';
  const slackOn = deps.chatPlatforms.slack ? 1 : 0;
  const wecomOn = deps.chatPlatforms.wecom ? 1 : 0;
  const from = sql`
    from (
      select p.*,
        exists (select 1 from identities i where i.person_id = p.id and i.platform = 'slack') as hasSlack,
        exists (select 1 from identities i where i.person_id = p.id and i.platform = 'wecom') as hasWecom
      from people p
    ) p
    left join departments d on d.id = p.department_id
    left join people m on m.id = p.manager_id
    where (p.name like ${like} escape '\\' or p.email like ${like} escape '\\' or p.employee_no like ${like} escape '\\')
      and (${scope} is null or p.id in (select value from json_each(${scope})))
      and (${status} = 'all' or p.active = ${status === 'active' ? 1 : 0})
      and (${dept} is null or d.path = ${dept} or d.path like ${dept} || '/%')
      and (${filter.role ?? null} is null or p.role = ${filter.role ?? null})
      and (${filter.managerId ?? null} is null or p.manager_id = ${filter.managerId ?? null})`;
  const platform = sql`case
      when ${slackOn} = 1 and p.hasSlack then 'slack'
      when ${wecomOn} = 1 and p.hasWecom then 'wecom'
      when ${slackOn} = 1 then 'slack'
      when p.hasSlack then 'slack'
      when p.hasWecom then 'wecom'
      else 'local' end`;
  const platformWhere = sql`(${filter.platform ?? null} is null or ${platform} = ${filter.platform ?? null})`;
  const total = deps.db.get<{ n: number }>(sql`select count(*) as n ${from} and ${platformWhere}`)!.n;
  const rows = deps.db.all<{
    id: number; name: string; email: string; employeeNo: string; department: string | null; jobFunction: string; role: string; locale: string;
    platform: PersonPlatform; active: number; managerId: number | null; managerName: string | null; reports: number;
  }>(sql`
    select p.id, p.name, p.email, p.employee_no as employeeNo, d.path as department, p.job_function as jobFunction, p.role, p.locale,
      ${platform} as platform, p.active, m.id as managerId, m.name as managerName,
      (select count(*) from people r where r.manager_id = p.id and r.active = 1) as reports
    ${from} and ${platformWhere}
    order by p.name, p.id limit ${filter.limit ?? 50} offset ${filter.offset ?? 0}`);
  return {
    total,
    people: rows.map(({ managerId, managerName, active, ...p }) => ({ ...p, active: Boolean(active), manager: managerId == null ? null : { id: managerId, name: managerName! } })),
  };
}
