import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export interface PersonSummary {
  id: number;
  name: string;
  email: string;
  department: string | null;
  role: string;
  locale: string;
}

/** Active people whose name, e-mail or employee number contains q, by name. */
export function searchPeople(db: Db, q: string, limit: number): PersonSummary[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.all<PersonSummary>(sql`
    select p.id, p.name, p.email, d.path as department, p.role, p.locale
    from people p left join departments d on d.id = p.department_id
    where p.active = 1 and (p.name like ${like} escape '\\' or p.email like ${like} escape '\\' or p.employee_no like ${like} escape '\\')
    order by p.name limit ${limit}`);
}
