import { boxKey, NINE_BOX_LEVELS, nineBoxLevel, type NineBoxLevel } from '../../domain/nineBox';
import type { ScaleGrade } from '../../domain/ratingScale';
import { gradeOfPoints } from '../../domain/talentProfile';
import type { Access } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { departmentIdsOf, withinDepartments } from '../people/departments';
import { talentResults } from './talentProfiles';

/** Groups smaller than this are never shown: no count, no names. */
export const MIN_GROUP = 5;

export interface NineBoxQuery {
  /** A department path: that department and below. */
  department?: string;
  /** The last N released cycles (default: all of the kind). */
  cycles?: number;
  /** Which cycles (default annual). */
  kind?: 'monthly' | 'quarterly' | 'annual';
}

export interface NineBoxCell {
  performance: NineBoxLevel;
  potential: NineBoxLevel;
  /** null: fewer than MIN_GROUP people (hidden). */
  count: number | null;
  people: { id: number; name: string }[] | null;
}

export interface NineBoxHistory {
  minGroup: number;
  cycles: { id: number; name: string; kind: string; periodStart: string; periodEnd: string; cells: NineBoxCell[] }[];
  /** Between each cycle and the next: how many people moved from one box to another (or stayed); groups below MIN_GROUP left out. */
  transitions: { fromCycleId: number; toCycleId: number; from: { performance: NineBoxLevel; potential: NineBoxLevel }; to: { performance: NineBoxLevel; potential: NineBoxLevel }; count: number }[];
  /** People in transitions left out for being in a group below MIN_GROUP (their boxes are not said). */
  hiddenMoves: number;
}

/**
 * GET /api/talent/nine-box: performance × potential per released cycle for the people the caller may see (HR all,
 * a manager their subtree), and everyone's movement between consecutive cycles, counted by (from box → to box).
 */
export function nineBoxHistory(deps: ServiceDeps, access: Access, query: NineBoxQuery): NineBoxHistory {
  const scope = access.talentScope();
  const c = deps.db.$client;
  const kind = query.kind ?? 'annual';
  const cycles = c
    .prepare<[string], { id: number; name: string; kind: string; periodStart: string; periodEnd: string; scale: string | null }>(
      `select id, name, kind, period_start as periodStart, period_end as periodEnd, scale from review_cycles where status = 'released' and kind = ? order by period_end desc, id desc`,
    )
    .all(kind)
    .slice(0, query.cycles ?? Number.MAX_SAFE_INTEGER)
    .reverse();
  const inDepartment = query.department ? withinDepartments(deps.db, departmentIdsOf(deps.db, [query.department])) : () => true;
  const people = c
    .prepare<[], { id: number; name: string; path: string | null }>(`select p.id, p.name, d.path from people p left join departments d on d.id = p.department_id order by p.id`)
    .all()
    .filter((p) => (scope === null || scope.has(p.id)) && inDepartment(p.path));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const results = talentResults(deps, people.map((p) => p.id));
  const boxOf = new Map<number, Map<number, string>>(); // cycle → person → box
  const out: NineBoxHistory = { minGroup: MIN_GROUP, cycles: [], transitions: [], hiddenMoves: 0 };
  for (const cycle of cycles) {
    const scale = cycle.scale ? (JSON.parse(cycle.scale) as ScaleGrade[]) : [];
    const boxes = new Map<number, string>();
    const cells = new Map<string, number[]>();
    for (const [personId, profile] of results) {
      const r = profile.results.find((x) => x.cycleId === cycle.id);
      const performance = r && nineBoxLevel(scale, r.grade);
      const potential = r && nineBoxLevel(scale, gradeOfPoints(scale, r.potential));
      if (!performance || !potential) continue;
      const key = boxKey(performance, potential);
      boxes.set(personId, key);
      cells.set(key, [...(cells.get(key) ?? []), personId]);
    }
    boxOf.set(cycle.id, boxes);
    out.cycles.push({
      id: cycle.id, name: cycle.name, kind: cycle.kind, periodStart: cycle.periodStart, periodEnd: cycle.periodEnd,
      cells: [...cells.entries()].sort(([a], [b]) => order(a) - order(b)).map(([key, ids]) => {
        const [performance, potential] = key.split(':') as [NineBoxLevel, NineBoxLevel];
        const shown = ids.length >= MIN_GROUP;
        return { performance, potential, count: shown ? ids.length : null, people: shown ? ids.map((id) => ({ id, name: names.get(id)! })) : null };
      }),
    });
  }
  for (let i = 1; i < cycles.length; i++) {
    const before = boxOf.get(cycles[i - 1].id)!;
    const after = boxOf.get(cycles[i].id)!;
    const moves = new Map<string, number>();
    for (const [personId, from] of before) {
      const to = after.get(personId);
      if (to) moves.set(`${from}>${to}`, (moves.get(`${from}>${to}`) ?? 0) + 1);
    }
    for (const [key, count] of [...moves.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      if (count < MIN_GROUP) {
        out.hiddenMoves += count;
        continue;
      }
      const [from, to] = key.split('>').map((b) => b.split(':') as [NineBoxLevel, NineBoxLevel]);
      out.transitions.push({ fromCycleId: cycles[i - 1].id, toCycleId: cycles[i].id, from: { performance: from[0], potential: from[1] }, to: { performance: to[0], potential: to[1] }, count });
    }
  }
  return out;
}

/** Best box first: high performance and high potential, then by performance, then potential. */
function order(key: string): number {
  const [performance, potential] = key.split(':') as [NineBoxLevel, NineBoxLevel];
  return NINE_BOX_LEVELS.indexOf(performance) * 3 + NINE_BOX_LEVELS.indexOf(potential);
}
