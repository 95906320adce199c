import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { checkpoints, escalationSteps, goalRevisions, goals, type GoalKind, type GoalLevel } from '../../../db/schema';
import { checkpointDates } from '../../domain/goalProgress';
import { localDate } from '../../domain/localTime';
import { AppError } from '../../errors';
import { progressFromMetricsForGoal } from './progressFromMetrics';

export interface GoalFields {
  parentId: number | null;
  level: GoalLevel;
  title: string;
  ownerId: number;
  departmentId: number | null;
  unit: string;
  startValue: number;
  targetValue: number;
  weight: number;
  periodStart: string;
  periodEnd: string;
  checkinEveryDays: number;
  /** The metric a key result follows (progressFromMetrics), or null. */
  metricKey: string | null;
  /** 'development' for a development path's milestone (set when created, never changed); default performance. */
  kind?: GoalKind;
}

const TRACKED: (keyof GoalFields)[] = ['parentId', 'level', 'title', 'ownerId', 'departmentId', 'unit', 'startValue', 'targetValue', 'weight', 'periodStart', 'periodEnd', 'checkinEveryDays', 'metricKey'];

/**
 * Creates or updates one goal with its revision (who, when, what changed, why) and keeps its checkpoints in
 * step with the period: dates added, open ones no longer on the schedule removed, answered ones kept. A key result
 * bound to a metric (newly, or with a new period) takes the figure already stored for it. Call inside a transaction.
 */
export function saveGoalRow(
  deps: { db: Db; now: () => Date; timezone: string },
  input: { ref: string; fields: GoalFields; id?: number; actor: string; reason?: string; checkpointDates?: string[] },
): typeof goals.$inferSelect {
  const { db } = deps;
  const at = deps.now().toISOString();
  checkMetricBinding(db, input.fields);
  const before = input.id !== undefined ? db.select().from(goals).where(eq(goals.id, input.id)).get() : undefined;
  let saved: typeof goals.$inferSelect;
  let changes: Record<string, [unknown, unknown]>;
  if (before) {
    changes = Object.fromEntries(TRACKED.filter((k) => before[k] !== input.fields[k]).map((k) => [k, [before[k], input.fields[k]]]));
    if (Object.keys(changes).length === 0) return before;
    saved = db.update(goals).set({ ...input.fields, updatedAt: at }).where(eq(goals.id, before.id)).returning().get();
  } else {
    saved = db.insert(goals).values({ ref: input.ref, ...input.fields, currentValue: input.fields.startValue, createdAt: at, updatedAt: at }).returning().get();
    changes = Object.fromEntries(TRACKED.map((k) => [k, [null, input.fields[k]]]));
  }
  db.insert(goalRevisions).values({ goalId: saved.id, actor: input.actor, at, changes, reason: input.reason ?? null }).run();
  if (!before || changes.periodStart || changes.periodEnd || changes.checkinEveryDays || input.checkpointDates) {
    syncCheckpoints(db, saved, localDate(deps.now(), deps.timezone), input.checkpointDates);
  }
  if (saved.metricKey && (!before || changes.metricKey || changes.periodStart || changes.periodEnd || changes.ownerId || changes.startValue)) {
    progressFromMetricsForGoal(deps, saved.id);
    return db.select().from(goals).where(eq(goals.id, saved.id)).get()!;
  }
  return saved;
}

/** Only a key result (an individual goal) follows a metric, and only one in the catalogue: 422 otherwise. */
export function checkMetricBinding(db: Db, fields: Pick<GoalFields, 'level' | 'metricKey'>): void {
  if (fields.metricKey === null) return;
  if (fields.level !== 'individual') {
    throw new AppError('invalid_goal', 'Only key results (individual goals) can follow a metric.', { status: 422, details: [{ field: 'metric', message: 'only an individual goal can follow a metric' }] });
  }
  if (!db.$client.prepare('select 1 from metric_definitions where key = ?').get(fields.metricKey)) {
    throw new AppError('unknown_metric', `No metric "${fields.metricKey}" in the catalogue.`, { status: 422, details: [{ field: 'metric', message: `no metric "${fields.metricKey}" in the catalogue` }] });
  }
}

/** Checkpoints from today on: a goal entered mid-period is not born with overdue check-ins. */
function syncCheckpoints(db: Db, goal: typeof goals.$inferSelect, today: string, explicit?: string[]): void {
  const all = explicit?.length ? [...new Set(explicit)].sort() : checkpointDates(goal.periodStart, goal.periodEnd, goal.checkinEveryDays);
  const dates = all.filter((d) => d >= today);
  if (dates.length) db.insert(checkpoints).values(dates.map((dueDate) => ({ goalId: goal.id, dueDate }))).onConflictDoNothing().run();
  const stale = db
    .select({ id: checkpoints.id })
    .from(checkpoints)
    .where(and(eq(checkpoints.goalId, goal.id), isNull(checkpoints.checkedInAt), dates.length ? notInArray(checkpoints.dueDate, dates) : undefined))
    .all()
    .map((c) => c.id);
  if (stale.length) {
    db.delete(escalationSteps).where(inArray(escalationSteps.checkpointId, stale)).run();
    db.delete(checkpoints).where(inArray(checkpoints.id, stale)).run();
  }
}
