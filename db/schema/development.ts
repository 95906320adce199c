import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { PATH_KINDS, type PathMilestone } from '../../bot/domain/developmentPath';
import { goals } from './goals';
import { people } from './org';

export { PATH_KINDS, type PathKind, type PathMilestone } from '../../bot/domain/developmentPath';

/** A development path template (轮岗, 专项, 课程, 导师制…): milestones at day offsets within its duration. */
export const developmentPaths = sqliteTable(
  'development_paths',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: PATH_KINDS }).notNull(),
    description: text('description'),
    durationWeeks: integer('duration_weeks').notNull(),
    milestones: text('milestones', { mode: 'json' }).notNull().$type<PathMilestone[]>(),
    /** An archived template is kept for its assignments but offered no more. */
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('development_paths_name_uq').on(t.name)],
);

/**
 * A path assigned to a person. The milestones are copied at assignment (a later template edit changes no running
 * path); each became a goal of kind "development" (path_assignment_goals).
 */
export const pathAssignments = sqliteTable(
  'path_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pathId: integer('path_id').notNull().references(() => developmentPaths.id),
    personId: integer('person_id').notNull().references(() => people.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    status: text('status', { enum: ['active', 'completed', 'cancelled'] }).notNull().default('active'),
    note: text('note'),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: text('assigned_at').notNull(),
    closedAt: text('closed_at'),
    closeReason: text('close_reason'),
  },
  (t) => [index('path_assignments_person_idx').on(t.personId, t.status), index('path_assignments_path_idx').on(t.pathId, t.status)],
);

/** Which goal each milestone of an assignment became. */
export const pathAssignmentGoals = sqliteTable(
  'path_assignment_goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assignmentId: integer('assignment_id').notNull().references(() => pathAssignments.id),
    milestoneIndex: integer('milestone_index').notNull(),
    goalId: integer('goal_id').notNull().references(() => goals.id),
  },
  (t) => [uniqueIndex('path_assignment_goals_uq').on(t.assignmentId, t.milestoneIndex), uniqueIndex('path_assignment_goals_goal_uq').on(t.goalId)],
);

/** A mentor and a mentee HR paired, with the mentorship's goals; at most one active pairing per mentee. */
export const mentorships = sqliteTable(
  'mentorships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentorId: integer('mentor_id').notNull().references(() => people.id),
    menteeId: integer('mentee_id').notNull().references(() => people.id),
    goals: text('goals').notNull(),
    status: text('status', { enum: ['active', 'ended'] }).notNull().default('active'),
    /** The proposal's score and reasons when HR confirmed it (what HR saw). */
    proposal: text('proposal', { mode: 'json' }),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: text('confirmed_at').notNull(),
    endedBy: text('ended_by'),
    endedAt: text('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('mentorships_active_mentee_uq').on(t.menteeId).where(sql`status = 'active'`),
    index('mentorships_mentor_idx').on(t.mentorId, t.status),
  ],
);

/** The monthly mentoring check-in: asked once per pairing, person and month; the reply kept for HR. */
export const mentoringCheckins = sqliteTable(
  'mentoring_checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentorshipId: integer('mentorship_id').notNull().references(() => mentorships.id),
    personId: integer('person_id').notNull().references(() => people.id),
    /** "2026-12", in DEFAULT_TIMEZONE. */
    month: text('month').notNull(),
    askedAt: text('asked_at').notNull(),
    answer: text('answer'),
    answeredAt: text('answered_at'),
  },
  (t) => [uniqueIndex('mentoring_checkins_uq').on(t.mentorshipId, t.personId, t.month), index('mentoring_checkins_person_idx').on(t.personId, t.answeredAt)],
);
