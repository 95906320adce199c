/** Pure rules over a directory: who manages whom, department paths, job functions. No I/O. */

export interface OrgUnit {
  id: string;
  name: string;
  parentId: string | null;
  leaderIds: string[];
}

export interface OrgMember {
  id: string;
  mainUnitId: string | null;
  directLeaderIds: string[];
}

/**
 * A member's manager: their first direct leader; else the leader of their main department; when they lead it
 * themselves (alone or with co-leaders — co-leaders are peers) or it has no leader, the leader of the parent,
 * and so on up the tree. Only members `eligible` (active, visible) can be managers. null at the top.
 */
export function managerOf(member: OrgMember, units: Map<string, OrgUnit>, eligible: (id: string) => boolean): string | null {
  const direct = member.directLeaderIds.find((id) => id !== member.id && eligible(id));
  if (direct) return direct;
  const seen = new Set<string>();
  for (let unit = member.mainUnitId ? units.get(member.mainUnitId) : undefined; unit && !seen.has(unit.id); unit = unit.parentId ? units.get(unit.parentId) : undefined) {
    seen.add(unit.id);
    if (unit.leaderIds.includes(member.id)) continue;
    const leader = unit.leaderIds.find((id) => eligible(id));
    if (leader) return leader;
  }
  return null;
}

/**
 * Drops the links that close a loop (A → B → A, possible with hand-set direct leaders) so the manager graph
 * is a forest; returns the members whose link was dropped.
 */
export function breakCycles(managers: Map<string, string | null>): string[] {
  const dropped: string[] = [];
  const settled = new Set<string>();
  for (const start of managers.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null | undefined = start;
    while (id && !settled.has(id)) {
      if (onPath.has(id)) {
        const last = path[path.length - 1];
        managers.set(last, null);
        dropped.push(last);
        break;
      }
      onPath.add(id);
      path.push(id);
      id = managers.get(id);
    }
    for (const p of path) settled.add(p);
  }
  return dropped;
}

/** Department paths "A/B/C" from the top visible department down ('/' inside a name becomes '／'). */
export function unitPaths(units: Map<string, OrgUnit>): Map<string, string> {
  const paths = new Map<string, string>();
  const pathOf = (unit: OrgUnit, seen: Set<string>): string => {
    const known = paths.get(unit.id);
    if (known) return known;
    const name = unit.name.replace(/\//g, '／').trim() || unit.id;
    const parent = unit.parentId && !seen.has(unit.parentId) ? units.get(unit.parentId) : undefined;
    const path = parent ? `${pathOf(parent, new Set([...seen, unit.id]))}/${name}` : name;
    paths.set(unit.id, path);
    return path;
  };
  for (const unit of units.values()) pathOf(unit, new Set([unit.id]));
  return paths;
}

/**
 * The job function of a department from a table keyed by department id, full path or name: the department
 * itself first, then its parents — the nearest entry wins. undefined when nothing matches.
 */
export function jobFunctionOf(unitId: string | null, units: Map<string, OrgUnit>, paths: Map<string, string>, table: Record<string, string>): string | undefined {
  const seen = new Set<string>();
  for (let unit = unitId ? units.get(unitId) : undefined; unit && !seen.has(unit.id); unit = unit.parentId ? units.get(unit.parentId) : undefined) {
    seen.add(unit.id);
    for (const key of [unit.id, paths.get(unit.id) ?? '', unit.name]) if (key && Object.hasOwn(table, key)) return table[key];
  }
  return undefined;
}
