import { and, eq, inArray } from 'drizzle-orm';
import { departments, identities, people } from '../../../db/schema';
import { breakCycles, jobFunctionOf, managerOf, unitPaths, type OrgUnit } from '../../domain/orgChart';
import type { ServiceDeps } from '../context';
import { ensureDepartments } from './departments';
import type { DirectoryPerson, DirectorySnapshot, DirectorySource } from './directory';

export interface ContactsSyncResult {
  departments: number;
  people: number;
  created: number;
  updated: number;
  deactivated: number;
  withoutManager: number;
  /** Members whose direct-leader chain looped back; their manager link was dropped. */
  loopsBroken: string[];
}

/**
 * Writes a directory snapshot: departments (as paths, with their leaders), people matched by their platform
 * id (then by e-mail), their managers and job functions; people of this platform no longer in the directory
 * are deactivated, never deleted (their answers and points stay). Call inside one transaction.
 */
export function applyDirectory(deps: ServiceDeps, source: Pick<DirectorySource, 'platform' | 'jobFunctions'>, snapshot: DirectorySnapshot): ContactsSyncResult {
  const { db } = deps;
  const at = deps.now().toISOString();
  const units = new Map<string, OrgUnit>(snapshot.departments.map((d) => [d.id, d]));
  const paths = unitPaths(units);
  const deptIds = ensureDepartments(db, [...paths.values()]);

  const linked = db
    .select({ personId: identities.personId, externalId: identities.externalId, active: people.active, role: people.role })
    .from(identities)
    .innerJoin(people, eq(people.id, identities.personId))
    .where(eq(identities.platform, source.platform))
    .all();
  const byExternal = new Map(linked.map((l) => [l.externalId.toLowerCase(), l.personId]));
  const result: ContactsSyncResult = { departments: paths.size, people: snapshot.people.length, created: 0, updated: 0, deactivated: 0, withoutManager: 0, loopsBroken: [] };

  const idOf = new Map<string, number>();
  for (const p of snapshot.people) {
    const path = p.mainDepartmentId ? paths.get(p.mainDepartmentId) : undefined;
    const jobFunction = jobFunctionOf(p.mainDepartmentId, units, paths, source.jobFunctions);
    const values = { name: p.name, departmentId: path ? (deptIds.get(path) ?? null) : null, active: p.active, updatedAt: at, ...(jobFunction ? { jobFunction } : {}) };
    let personId = byExternal.get(p.id.toLowerCase()) ?? unlinkedByEmail(deps, source.platform, p.email);
    if (personId === undefined) {
      personId = db
        .insert(people)
        .values({
          ...values,
          employeeNo: p.id,
          email: freeEmail(deps, source.platform, p),
          timezone: deps.settings.defaultTimezone,
          locale: deps.settings.defaultLocale,
          createdAt: at,
        })
        .returning({ id: people.id })
        .get().id;
      result.created++;
    } else {
      db.update(people).set(values).where(eq(people.id, personId)).run();
      result.updated++;
    }
    db.insert(identities).values({ personId, platform: source.platform, externalId: p.id }).onConflictDoNothing().run();
    idOf.set(p.id, personId);
  }

  // Managers from the directory's own rules; only active people can manage.
  const eligible = new Set(snapshot.people.filter((p) => p.active).map((p) => p.id));
  const managers = new Map(snapshot.people.map((p) => [p.id, p.active ? managerOf({ id: p.id, mainUnitId: p.mainDepartmentId, directLeaderIds: p.directLeaderIds }, units, (id) => eligible.has(id)) : null]));
  result.loopsBroken = breakCycles(managers);
  const managing = new Set<string>();
  for (const [member, manager] of managers) {
    db.update(people).set({ managerId: manager ? idOf.get(manager)! : null }).where(eq(people.id, idOf.get(member)!)).run();
    if (manager) managing.add(manager);
    else if (eligible.has(member)) result.withoutManager++;
  }
  // Roles follow the chart (an admin or HR role set in the console is kept).
  for (const p of snapshot.people) {
    const role = managing.has(p.id) ? 'manager' : 'employee';
    db.update(people).set({ role }).where(and(eq(people.id, idOf.get(p.id)!), inArray(people.role, ['employee', 'manager']))).run();
  }
  for (const d of snapshot.departments) {
    const leader = d.leaderIds.find((id) => eligible.has(id));
    const deptId = deptIds.get(paths.get(d.id)!);
    if (deptId !== undefined) db.update(departments).set({ leaderId: leader ? idOf.get(leader)! : null }).where(eq(departments.id, deptId)).run();
  }

  const present = new Set(snapshot.people.map((p) => p.id.toLowerCase()));
  const gone = linked.filter((l) => !present.has(l.externalId.toLowerCase()) && l.active).map((l) => l.personId);
  // In slices: one `IN (…)` may bind at most 32,766 values, and a directory can lose more people than that at once.
  for (let i = 0; i < gone.length; i += 10_000) db.update(people).set({ active: false, updatedAt: at }).where(inArray(people.id, gone.slice(i, i + 10_000))).run();
  const wasActive = new Set(linked.filter((l) => l.active).map((l) => l.personId));
  result.deactivated = gone.length + snapshot.people.filter((p) => !p.active && wasActive.has(idOf.get(p.id)!)).length;
  return result;
}

/** A person with this e-mail who has no account on the platform yet (e.g. imported from CSV). */
function unlinkedByEmail(deps: ServiceDeps, platform: string, email: string | undefined): number | undefined {
  if (!email) return undefined;
  const row = deps.db.$client
    .prepare<[string, string], { id: number }>(
      `select p.id from people p where p.email = ? and not exists (select 1 from identities i where i.person_id = p.id and i.platform = ?)`,
    )
    .get(email.trim().toLowerCase(), platform);
  return row?.id;
}

/**
 * The e-mail for a new person: the directory's, unless someone else has it already; otherwise a placeholder
 * under the reserved .invalid domain (new WeCom apps get no e-mail addresses), unique per platform user id.
 */
function freeEmail(deps: ServiceDeps, platform: string, p: DirectoryPerson): string {
  const taken = (email: string) => Boolean(deps.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get());
  const own = p.email?.trim().toLowerCase();
  if (own && !taken(own)) return own;
  return `${p.id.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}@${platform}.invalid`;
}
