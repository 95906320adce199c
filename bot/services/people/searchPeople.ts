import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../context';
import { chatPlatformOf, type PersonPlatform } from './chatPlatform';

export interface PersonSummary {
  id: number;
  name: string;
  email: string;
  department: string | null;
  role: string;
  locale: string;
  platform: PersonPlatform;
}

/**
 * Active people whose name, e-mail or employee number contains q, by name; `personIds` (from the access policy)
 * limits the search to the people the reader may see (null: everyone). Two queries whatever the page size.
 */
export function searchPeople(deps: ServiceDeps, q: string, limit: number, personIds: number[] | null): PersonSummary[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const scope = personIds ? JSON.stringify(personIds) : null;
  const rows = deps.db.all<Omit<PersonSummary, 'platform'> & { platforms: string | null }>(sql`
    select p.id, p.name, p.email, d.path as department, p.role, p.locale,
      (select group_concat(i.platform) from identities i where i.person_id = p.id) as platforms
    from people p left join departments d on d.id = p.department_id
    where p.active = 1 and (p.name like ${like} escape '\\' or p.email like ${like} escape '\\' or p.employee_no like ${like} escape '\\')
      and (${scope} is null or p.id in (select value from json_each(${scope})))
    order by p.name limit ${limit}`);
  return rows.map(({ platforms, ...p }) => ({ ...p, platform: chatPlatformOf(deps, platforms?.split(',') ?? []) }));
}
