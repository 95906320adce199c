import { sqliteTable, integer, real, text, uniqueIndex, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { metricDefinitions } from './metrics';
import { departments, people } from './org';

export const GOAL_LEVELS = ['company', 'department', 'team', 'individual'] as const;
export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track', 'done'] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** performance: the goal tree reviews and the update rate read; development: a path's milestone (issue 16). */
export const GOAL_KINDS = ['performance', 'development'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** The goal tree: company priorities → department goals → team → individual key results. */
export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The import's stable key ("2026Q4-CS-1"); re-imports update by it. */
    ref: text('ref').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => goals.id),
    level: text('level', { enum: GOAL_LEVELS }).notNull(),
    title: text('title').notNull(),
    ownerId: integer('owner_id').notNull().references(() => people.id),
    departmentId: integer('department_id').references(() => departments.id),
    unit: text('unit').notNull().default(''),
    startValue: real('start_value').notNull(),
    targetValue: real('target_value').notNull(),
    currentValue: real('current_value').notNull(),
    weight: real('weight').notNull().default(1),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    checkinEveryDays: integer('checkin_every_days').notNull().default(14),
    /** Set by the owner at a check-in; null means "use the suggested status". */
    status: text('status', { enum: GOAL_STATUSES }),
    /**
     * A key result bound to a metric of the store: its current value follows the owner's figure for the goal's
     * period (an "auto" check-in each time it changes); null = progress only from check-ins.
     */
    metricKey: text('metric_key').references(() => metricDefinitions.key),
    /** 'development': a milestone of a development path, kept out of performance figures (reviews, update rate). */
    kind: text('kind', { enum: GOAL_KINDS }).notNull().default('performance'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('goals_ref_uq').on(t.ref), index('goals_parent_idx').on(t.parentId), index('goals_owner_idx').on(t.ownerId), index('goals_metric_idx').on(t.metricKey, t.ownerId)],
);

/** Mid-period adjustments: who, when, what changed (field → [before, after]), why. */
export const goalRevisions = sqliteTable(
  'goal_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    goalId: integer('goal_id').notNull().references(() => goals.id),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    changes: text('changes', { mode: 'json' }).notNull().$type<Record<string, [unknown, unknown]>>(),
    reason: text('reason'),
  },
  (t) => [index('goal_revisions_goal_idx').on(t.goalId, t.at)],
);

/** A milestone at which the owner is asked for progress; due_date is a local date of the owner. */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    goalId: integer('goal_id').notNull().references(() => goals.id),
    dueDate: text('due_date').notNull(),
    checkedInAt: text('checked_in_at'),
    onTime: integer('on_time', { mode: 'boolean' }),
  },
  (t) => [uniqueIndex('checkpoints_goal_due_uq').on(t.goalId, t.dueDate), index('checkpoints_open_idx').on(t.checkedInAt, t.dueDate)],
);

export const checkIns = sqliteTable(
  'check_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    goalId: integer('goal_id').notNull().references(() => goals.id),
    checkpointId: integer('checkpoint_id').references(() => checkpoints.id),
    personId: integer('person_id').notNull().references(() => people.id),
    value: real('value').notNull(),
    status: text('status', { enum: GOAL_STATUSES }).notNull(),
    note: text('note'),
    onTime: integer('on_time', { mode: 'boolean' }).notNull(),
    /** Written by the metric store (progressFromMetrics), not by a person: answers no checkpoint, earns nothing. */
    auto: integer('auto', { mode: 'boolean' }).notNull().default(false),
    /** For an auto check-in, the metric source(s) the value came from ("jira", "crm, manual"). */
    source: text('source'),
    at: text('at').notNull(),
  },
  (t) => [index('check_ins_goal_idx').on(t.goalId, t.at)],
);

/** Each reminder/escalation step happens at most once per checkpoint. */
export const escalationSteps = sqliteTable(
  'escalation_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    checkpointId: integer('checkpoint_id').notNull().references(() => checkpoints.id),
    step: text('step', { enum: ['before', 'due', 'manager', 'further'] }).notNull(),
    recipientId: integer('recipient_id').notNull().references(() => people.id),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('escalation_steps_uq').on(t.checkpointId, t.step)],
);

/** The reminder/escalation ladder: one company row (department_id null) and optional department overrides. */
export const escalationRules = sqliteTable(
  'escalation_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departmentId: integer('department_id').references(() => departments.id),
    remindBeforeDays: integer('remind_before_days').notNull().default(3),
    remindOnDueDay: integer('remind_on_due_day', { mode: 'boolean' }).notNull().default(true),
    managerAfterDays: integer('manager_after_days').notNull().default(1),
    /** null = no further level. */
    furtherAfterDays: integer('further_after_days'),
    furtherTo: text('further_to', { enum: ['skip_level', 'hr'] }).notNull().default('skip_level'),
    workStart: text('work_start').notNull().default('09:00'),
    workEnd: text('work_end').notNull().default('18:00'),
  },
  (t) => [uniqueIndex('escalation_rules_dept_uq').on(t.departmentId)],
);
