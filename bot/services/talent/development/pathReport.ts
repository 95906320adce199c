import type { Db } from '../../../../db/client';
import { listAssignments, type AssignmentView } from './listAssignments';

/** Aggregates over fewer people than this are not shown (as every talent view). */
export const MIN_GROUP = 5;

export interface PathFigures {
  assigned: number;
  active: number;
  completed: number;
  cancelled: number;
  /** Milestones of running assignments past their due day and not done. */
  overdueMilestones: number;
  /** Mean completion (0–1) of the assignments not cancelled; null: none. */
  completion: number | null;
}

export interface PathReport {
  minGroup: number;
  paths: (PathFigures & { pathId: number; name: string; kind: string })[];
  departments: (PathFigures & { department: string; people: number })[];
  /** Departments left out because fewer than MIN_GROUP people were assigned there. */
  hiddenGroups: number;
}

function figures(list: AssignmentView[]): PathFigures {
  const kept = list.filter((a) => a.status !== 'cancelled');
  const mean = kept.length ? kept.reduce((s, a) => s + (a.completion ?? 0), 0) / kept.length : null;
  return {
    assigned: list.length,
    active: list.filter((a) => a.status === 'active').length,
    completed: list.filter((a) => a.status === 'completed').length,
    cancelled: list.filter((a) => a.status === 'cancelled').length,
    overdueMilestones: list.reduce((s, a) => s + a.overdueMilestones, 0),
    completion: mean === null ? null : Math.round(mean * 1000) / 1000,
  };
}

const groupBy = <K>(list: AssignmentView[], key: (a: AssignmentView) => K) => {
  const out = new Map<K, AssignmentView[]>();
  for (const a of list) out.set(key(a), [...(out.get(key(a)) ?? []), a]);
  return out;
};

/** Development-path completion per template and per department (HR): departments with under 5 people hidden. */
export function pathReport(db: Db, today: string): PathReport {
  const all = listAssignments(db, { personIds: null }, today);
  const paths = [...groupBy(all, (a) => a.pathId)].map(([pathId, list]) => ({ pathId, name: list[0].path, kind: list[0].kind, ...figures(list) })).sort((a, b) => a.name.localeCompare(b.name));
  const depts = [...groupBy(all, (a) => a.person.department ?? '')].map(([department, list]) => ({ department, people: new Set(list.map((a) => a.person.id)).size, ...figures(list) }));
  const shown = depts.filter((d) => d.people >= MIN_GROUP).sort((a, b) => a.department.localeCompare(b.department));
  return { minGroup: MIN_GROUP, paths, departments: shown, hiddenGroups: depts.length - shown.length };
}
