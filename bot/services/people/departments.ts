import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { departments, people } from '../../../db/schema';
import { AppError } from '../../errors';
import { ShardedMap } from '../shardedMap';

/** Creates every department of the given paths ("研发中心/后端组") and their ancestors; returns id by path. */
export function ensureDepartments(db: Db, paths: string[]): Map<string, number> {
  const ids = new Map(db.select({ id: departments.id, path: departments.path }).from(departments).all().map((d) => [d.path, d.id]));
  // One statement for every new department: a drizzle insert built per department was ~3 s of importing 100,000
  // people in teams of ten (10,000 departments).
  const insert = db.$client.prepare<[string, string, number | null], { id: number }>('insert into departments (path, name, parent_id) values (?, ?, ?) returning id');
  for (const full of new Set(paths)) {
    const parts = full.split('/').map((p) => p.trim()).filter(Boolean);
    let parentId: number | null = null;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let id = ids.get(path);
      if (id === undefined) {
        id = insert.get(path, parts[i], parentId)!.id;
        ids.set(path, id);
      }
      parentId = id;
    }
    ids.set(full, parentId!);
  }
  return ids;
}

/**
 * A department's leader: the active member who reports outside the department and manages people (its head);
 * failing that, the one manager every member reports to (a team run by the parent's head).
 */
export function recomputeDepartmentLeaders(db: Db): void {
  const members = db.select({ id: people.id, departmentId: people.departmentId, managerId: people.managerId }).from(people).where(eq(people.active, true)).all();
  const update = db.$client.prepare('update departments set leader_id = ? where id = ?');
  const leaders = leaderRule();
  leaders.add(members);
  for (const { id } of db.select({ id: departments.id }).from(departments).all()) update.run(leaders.of(id), id);
}

export interface Member {
  id: number;
  departmentId: number | null;
  managerId: number | null;
}

/**
 * The rule of recomputeDepartmentLeaders over the active members, which can be added a page at a time (the people
 * import reads them in pages); `of(departmentId)` once all are in. `atMost`: how many members there can be, when known.
 */
export function leaderRule(atMost?: number) {
  // every active person (`atMost` of them when the caller knows): a plain Map's growth rehashed 65,536 of them in one turn
  const deptOf = new ShardedMap<number, number | null>(atMost);
  const managerIds = new Set<number | null>();
  const byDept = new Map<number, Member[]>();
  return {
    add(members: Member[]): void {
      for (const m of members) {
        deptOf.set(m.id, m.departmentId);
        managerIds.add(m.managerId);
        if (m.departmentId == null) continue;
        // push, not a copy per member: a department of 10,000 people would be 50 million copies
        const team = byDept.get(m.departmentId);
        if (team) team.push(m);
        else byDept.set(m.departmentId, [m]);
      }
    },
    of(id: number): number | null {
      const team = byDept.get(id) ?? [];
      const head = team.find((m) => (m.managerId == null || deptOf.get(m.managerId) !== id) && managerIds.has(m.id));
      const managers = new Set(team.map((m) => m.managerId));
      const shared = managers.size === 1 ? [...managers][0] : null;
      return head?.id ?? shared ?? null;
    },
  };
}

/** The ids of departments named by path; any unknown path → 400 unknown_department naming every one. */
export function departmentIdsOf(db: Db, paths: string[]): number[] {
  const found = db.select({ id: departments.id, path: departments.path }).from(departments).where(inArray(departments.path, paths)).all();
  const missing = paths.filter((p) => !found.some((f) => f.path === p));
  if (missing.length) throw new AppError('unknown_department', `No department ${missing.join(', ')}.`, { status: 400, details: missing.map((path) => ({ field: 'departments', message: path })) });
  return found.map((f) => f.id);
}

/**
 * A test for "in one of these departments or below" (by path), from department ids as cycles and calibration
 * sessions keep them; null ids = everywhere.
 */
export function withinDepartments(db: Db, ids: number[] | null): (path: string | null) => boolean {
  if (!ids) return () => true;
  const roots = db.select({ id: departments.id, path: departments.path }).from(departments).where(inArray(departments.id, ids)).all().map((d) => d.path);
  return (path) => path !== null && roots.some((root) => path === root || path.startsWith(`${root}/`));
}
