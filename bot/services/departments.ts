import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments } from '../../db/schema';

/** Creates every department of the given paths ("研发中心/后端组") and their ancestors; returns id by path. */
export function ensureDepartments(db: Db, paths: string[]): Map<string, number> {
  const ids = new Map(db.select({ id: departments.id, path: departments.path }).from(departments).all().map((d) => [d.path, d.id]));
  for (const full of new Set(paths)) {
    const parts = full.split('/').map((p) => p.trim()).filter(Boolean);
    let parentId: number | null = null;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let id = ids.get(path);
      if (id === undefined) {
        id = db.insert(departments).values({ path, name: parts[i], parentId }).returning({ id: departments.id }).get().id;
        ids.set(path, id);
      }
      parentId = id;
    }
    ids.set(full, parentId!);
  }
  return ids;
}

/**
 * A department's leader is the active member whose manager sits outside the department (its head);
 * when several qualify, the one with the most direct reports. Departments without members inherit none.
 */
export function recomputeDepartmentLeaders(db: Db): void {
  db.run(sql`
    update departments set leader_id = (
      select p.id from people p
      left join people m on m.id = p.manager_id
      where p.department_id = departments.id and p.active = 1
        and (m.id is null or m.department_id is null or m.department_id != p.department_id)
      order by (select count(*) from people r where r.manager_id = p.id) desc, p.id
      limit 1)`);
}
