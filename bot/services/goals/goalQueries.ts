import { desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { checkIns, checkpoints, departments, goalRevisions, goals, people } from '../../../db/schema';
import { GOAL_PERIOD_PATTERN, inGoalPeriod, parseGoalPeriod, type GoalPeriod } from '../../domain/goalPeriod';
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

/** `?period=current|all|YYYY` (absent: current) on the routes that list "their goals"; see domain/goalPeriod. */
export const goalPeriodQuery = z
  .object({ period: z.string().regex(GOAL_PERIOD_PATTERN, 'current, all or a year (YYYY)').optional() })
  .transform((q) => parseGoalPeriod(q.period));

/**
 * The whole goal tree (or one owner's goals, flat) with rolled-up progress and statuses. Loads the goals in
 * one query, their owners and next checkpoints in one more each; the tree is small (one row per goal).
 * `period` (default all) keeps the goals of that period; in the tree a goal outside it stays when a goal below it
 * is in it, so the current goals keep their place. Roll-ups are computed on the whole tree first.
 */
export function goalTree(db: Db, today: string, filter: { ownerId?: number; period?: GoalPeriod } = {}): GoalView[] {
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
  const period = filter.period ?? 'all';
  if (period === 'all') return filter.ownerId === undefined ? roots : [...views.values()].filter((v) => v.owner.id === filter.ownerId);
  // a cancelled development path's milestones are closed: shown under "all" only
  const closed = new Set(db.all<{ id: number }>(sql`select x.goal_id as id from path_assignment_goals x join path_assignments a on a.id = x.assignment_id where a.status = 'cancelled'`).map((r) => r.id));
  const shown = (v: GoalView) => !closed.has(v.id) && inGoalPeriod(v, period, today);
  if (filter.ownerId === undefined) return withinPeriod(roots, shown);
  return [...views.values()].filter((v) => v.owner.id === filter.ownerId && shown(v));
}

function withinPeriod(list: GoalView[], shown: (v: GoalView) => boolean): GoalView[] {
  return list.flatMap((g) => {
    const children = withinPeriod(g.children, shown);
    return shown(g) || children.length > 0 ? [{ ...g, children }] : [];
  });
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
