import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { checkIns, checkpoints, departments, goalRevisions, goals, people } from '../../../db/schema';
import { expectedPercent, progressPercent, rolledUpProgress, suggestedStatus, type GoalStatus, type ProgressNode } from '../../domain/goalProgress';

export type GoalRow = typeof goals.$inferSelect;

export interface GoalView {
  id: number;
  ref: string;
  parentId: number | null;
  level: string;
  /** performance, or development (a path's milestone: kept out of the tree the goals page shows). */
  kind: 'performance' | 'development';
  title: string;
  owner: { id: number; name: string; email: string };
  department: string | null;
  unit: string;
  startValue: number;
  targetValue: number;
  currentValue: number;
  weight: number;
  periodStart: string;
  periodEnd: string;
  checkinEveryDays: number;
  /** The metric key this key result follows (its value moves with the metric store), or null. */
  metric: string | null;
  /** Rounded to one decimal; a parent's is the weighted mean of its children. */
  progress: number;
  expected: number;
  suggestedStatus: GoalStatus;
  status: GoalStatus;
  nextCheckpoint: string | null;
  children: GoalView[];
}

/**
 * The whole goal tree (or the subtrees of `rootIds`) with rolled-up progress and statuses. Loads the goals in
 * one query, their owners and next checkpoints in one more each; the tree is small (one row per goal).
 */
export function goalTree(db: Db, today: string, filter: { ownerId?: number } = {}): GoalView[] {
  const rows = db
    .select({ g: goals, ownerName: people.name, ownerEmail: people.email, dept: departments.path })
    .from(goals)
    .innerJoin(people, eq(people.id, goals.ownerId))
    .leftJoin(departments, eq(departments.id, goals.departmentId))
    .all();
  const next = new Map(
    db.all<{ goalId: number; due: string }>(sql`select goal_id as goalId, min(due_date) as due from checkpoints where checked_in_at is null group by goal_id`).map((r) => [r.goalId, r.due]),
  );
  const views = new Map<number, GoalView>();
  for (const { g, ownerName, ownerEmail, dept } of rows) {
    views.set(g.id, {
      id: g.id, ref: g.ref, parentId: g.parentId, level: g.level, kind: g.kind, title: g.title,
      owner: { id: g.ownerId, name: ownerName, email: ownerEmail }, department: dept,
      unit: g.unit, startValue: g.startValue, targetValue: g.targetValue, currentValue: g.currentValue, weight: g.weight,
      periodStart: g.periodStart, periodEnd: g.periodEnd, checkinEveryDays: g.checkinEveryDays, metric: g.metricKey,
      progress: 0, expected: 0, suggestedStatus: 'on_track', status: g.status ?? 'on_track',
      nextCheckpoint: next.get(g.id) ?? null, children: [],
    });
  }
  const ownStatus = new Map(rows.map((r) => [r.g.id, r.g.status]));
  const roots: GoalView[] = [];
  for (const v of views.values()) (v.parentId != null && views.get(v.parentId) ? views.get(v.parentId)!.children : roots).push(v);

  const toNode = (v: GoalView): ProgressNode => ({ id: v.id, weight: v.weight, own: progressPercent(v.startValue, v.targetValue, v.currentValue), children: v.children.map(toNode) });
  const fill = (v: GoalView) => {
    v.children.forEach(fill);
    v.progress = Math.round(rolledUpProgress(toNode(v)) * 10) / 10;
    v.expected = Math.round(expectedPercent(v.periodStart, v.periodEnd, today) * 10) / 10;
    v.suggestedStatus = suggestedStatus(v.progress, v.expected);
    v.status = ownStatus.get(v.id) ?? v.suggestedStatus;
  };
  roots.forEach(fill);
  if (filter.ownerId === undefined) return roots;
  return [...views.values()].filter((v) => v.owner.id === filter.ownerId);
}

export function goalById(db: Db, id: number): GoalRow | undefined {
  return db.select().from(goals).where(eq(goals.id, id)).get();
}

export function checkpointsOf(db: Db, goalIds: number[]) {
  if (goalIds.length === 0) return [];
  return db.select().from(checkpoints).where(inArray(checkpoints.goalId, goalIds)).orderBy(checkpoints.dueDate).all();
}

/** The tree as one reader may see it: goals `keep` refuses are left out with their subtrees (roll-ups stay whole). */
export function pruneGoals(roots: GoalView[], keep: (g: GoalView) => boolean): GoalView[] {
  return roots.filter(keep).map((g) => ({ ...g, children: pruneGoals(g.children, keep) }));
}

/** One goal with its checkpoints, check-ins (newest first) and revisions; undefined when there is no such goal. */
export function goalDetail(db: Db, id: number, today: string) {
  const row = goalById(db, id);
  if (!row) return undefined;
  const view = goalTree(db, today).flatMap(function all(g): GoalView[] { return [g, ...g.children.flatMap(all)]; }).find((g) => g.id === id)!;
  return {
    row,
    goal: view,
    checkpoints: checkpointsOf(db, [id]),
    checkIns: db.select().from(checkIns).where(eq(checkIns.goalId, id)).orderBy(desc(checkIns.at)).all(),
    revisions: db.select().from(goalRevisions).where(eq(goalRevisions.goalId, id)).orderBy(desc(goalRevisions.at)).all(),
  };
}
