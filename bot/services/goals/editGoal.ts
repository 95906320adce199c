import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { checkIns, checkpoints, departments, escalationSteps, goalRevisions, goals, people, GOAL_LEVELS } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { appendAudit } from '../audit';
import { saveGoalRow, type GoalFields } from './saveGoal';

export const goalInput = z
  .strictObject({
    ref: z.string().trim().min(1).max(100).optional(),
    parentId: z.number().int().positive().nullable().default(null),
    level: z.enum(GOAL_LEVELS),
    title: z.string().trim().min(1).max(300),
    ownerEmail: z.email(),
    department: z.string().trim().max(500).nullable().default(null),
    unit: z.string().trim().max(40).default(''),
    startValue: z.number().finite(),
    targetValue: z.number().finite(),
    weight: z.number().min(0).default(1),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    checkinEveryDays: z.number().int().min(1).max(365).default(14),
    checkpoints: z.array(z.iso.date()).max(100).optional(),
    /** A metric key of the catalogue the key result follows (progressFromMetrics); null or absent: none. */
    metric: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .refine((g) => g.targetValue !== g.startValue, { message: 'targetValue must differ from startValue', path: ['targetValue'] })
  .refine((g) => g.periodEnd > g.periodStart, { message: 'periodEnd must be after periodStart', path: ['periodEnd'] });

export const goalPatch = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required for a change').max(500),
  parentId: z.number().int().positive().nullable().optional(),
  title: z.string().trim().min(1).max(300).optional(),
  ownerEmail: z.email().optional(),
  unit: z.string().trim().max(40).optional(),
  startValue: z.number().finite().optional(),
  targetValue: z.number().finite().optional(),
  weight: z.number().min(0).optional(),
  periodStart: z.iso.date().optional(),
  periodEnd: z.iso.date().optional(),
  checkinEveryDays: z.number().int().min(1).max(365).optional(),
  checkpoints: z.array(z.iso.date()).max(100).optional(),
  /** Bind the key result to a metric, or unbind it with null. */
  metric: z.string().trim().min(1).max(64).nullable().optional(),
});

function personId(deps: ServiceDeps, email: string): number {
  const p = deps.db.select({ id: people.id }).from(people).where(eq(people.email, email.toLowerCase())).get();
  if (!p) throw new AppError('unknown_owner', `No person with e-mail ${email}.`, { status: 422 });
  return p.id;
}

function departmentId(deps: ServiceDeps, path: string | null): number | null {
  if (!path) return null;
  const d = deps.db.select({ id: departments.id }).from(departments).where(eq(departments.path, path)).get();
  if (!d) throw new AppError('unknown_department', `No department ${path}.`, { status: 422 });
  return d.id;
}

/** What the access policy needs to know of a goal before it may be written. */
export type GoalAuthorizer = (goal: { level: string; ownerId: number; departmentId: number | null }) => void;

/** Creating a goal from the console; `authorize` sees the resolved goal first and throws to refuse it. */
export function createGoal(deps: ServiceDeps, actor: string, input: z.infer<typeof goalInput>, authorize: GoalAuthorizer = () => {}) {
  return inTransaction(deps.db, () => {
    if (input.parentId != null && !deps.db.select({ id: goals.id }).from(goals).where(eq(goals.id, input.parentId)).get()) {
      throw new AppError('unknown_parent', `No goal ${input.parentId}.`, { status: 422 });
    }
    const fields: GoalFields = {
      parentId: input.parentId, level: input.level, title: input.title, ownerId: personId(deps, input.ownerEmail),
      departmentId: departmentId(deps, input.department), unit: input.unit, startValue: input.startValue, targetValue: input.targetValue,
      weight: input.weight, periodStart: input.periodStart, periodEnd: input.periodEnd, checkinEveryDays: input.checkinEveryDays,
      metricKey: input.metric,
    };
    authorize(fields);
    return saveGoalRow({ ...deps, timezone: deps.settings.defaultTimezone }, { ref: input.ref ?? `goal-${randomUUID().slice(0, 8)}`, fields, actor, reason: 'created', checkpointDates: input.checkpoints });
  });
}

/** Adjusting a goal mid-period: target, weight, owner, dates… with the reason kept in its revision history. */
export function updateGoal(deps: ServiceDeps, actor: string, id: number, patch: z.infer<typeof goalPatch>, authorize: GoalAuthorizer = () => {}) {
  return inTransaction(deps.db, () => {
    const before = deps.db.select().from(goals).where(eq(goals.id, id)).get();
    if (!before) throw new AppError('not_found', `No goal ${id}.`, { status: 404 });
    authorize(before);
    const { reason, ownerEmail, checkpoints, metric, ...rest } = patch;
    const fields: GoalFields = {
      ...pick(before), ...stripUndefined(rest), ...(ownerEmail ? { ownerId: personId(deps, ownerEmail) } : {}), ...(metric !== undefined ? { metricKey: metric } : {}),
    };
    if (fields.ownerId !== before.ownerId) authorize(fields); // handing a goal to someone else needs access to them too
    if (fields.targetValue === fields.startValue) throw new AppError('invalid_goal', 'targetValue must differ from startValue.', { status: 422 });
    if (fields.periodEnd <= fields.periodStart) throw new AppError('invalid_goal', 'periodEnd must be after periodStart.', { status: 422 });
    if (fields.parentId != null && createsCycle(deps, id, fields.parentId)) throw new AppError('invalid_goal', 'That parent would make a cycle.', { status: 422 });
    return saveGoalRow({ ...deps, timezone: deps.settings.defaultTimezone }, { ref: before.ref, fields, id, actor, reason, checkpointDates: checkpoints });
  });
}

function pick(g: typeof goals.$inferSelect): GoalFields {
  const { parentId, level, title, ownerId, departmentId, unit, startValue, targetValue, weight, periodStart, periodEnd, checkinEveryDays, metricKey } = g;
  return { parentId, level, title, ownerId, departmentId, unit, startValue, targetValue, weight, periodStart, periodEnd, checkinEveryDays, metricKey };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function createsCycle(deps: ServiceDeps, id: number, parentId: number): boolean {
  const parents = new Map(deps.db.select({ id: goals.id, parentId: goals.parentId }).from(goals).all().map((g) => [g.id, g.parentId]));
  for (let p: number | null | undefined = parentId, i = 0; p != null && i < 1000; p = parents.get(p), i++) if (p === id) return true;
  return false;
}

/**
 * Removes a goal entered by mistake: only a leaf nobody has checked in on yet (anything with history is adjusted,
 * not deleted). Its checkpoints and ladder steps go with it; the removal is audited.
 */
export function deleteGoal(deps: ServiceDeps, actor: string, id: number) {
  return inTransaction(deps.db, () => {
    const goal = deps.db.select().from(goals).where(eq(goals.id, id)).get();
    if (!goal) throw new AppError('not_found', `No goal ${id}.`, { status: 404 });
    if (deps.db.select({ id: goals.id }).from(goals).where(eq(goals.parentId, id)).get()) {
      throw new AppError('goal_has_children', 'This goal has sub-goals; move or remove them first.', { status: 409 });
    }
    if (deps.db.select({ id: checkIns.id }).from(checkIns).where(eq(checkIns.goalId, id)).get()) {
      throw new AppError('goal_has_history', 'People have checked in on this goal; adjust it instead of deleting it.', { status: 409 });
    }
    const points = deps.db.select({ id: checkpoints.id }).from(checkpoints).where(eq(checkpoints.goalId, id)).all().map((c) => c.id);
    if (points.length) deps.db.delete(escalationSteps).where(inArray(escalationSteps.checkpointId, points)).run();
    deps.db.delete(checkpoints).where(eq(checkpoints.goalId, id)).run();
    deps.db.delete(goalRevisions).where(eq(goalRevisions.goalId, id)).run();
    deps.db.delete(goals).where(eq(goals.id, id)).run();
    appendAudit(deps.db, { actor, action: 'goal.delete', entity: 'goal', entityId: id, before: goal }, deps.now());
  });
}
