import { sql } from 'drizzle-orm';
import { sqliteTable, integer, real, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import type { ScaleGrade } from '../../bot/domain/ratingScale';
import { people } from './org';

export type { ScaleGrade };

/** The rating scale as HR set it; the newest row is the current one. A cycle copies the scale it opened with. */
export const ratingScales = sqliteTable('rating_scales', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  grades: text('grades', { mode: 'json' }).$type<ScaleGrade[]>().notNull(),
  createdBy: text('created_by'),
  createdAt: text('created_at').notNull(),
});

/** A review template for a job function; its content lives in versions, the newest being current. */
export const reviewTemplates = sqliteTable(
  'review_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** sales, rnd, support, customer_success, product, hr, … or "default" for everyone else. */
    jobFunction: text('job_function').notNull(),
    currentVersion: integer('current_version').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('review_templates_function_uq').on(t.jobFunction)],
);

/** One saved state of a template (sections, items, rules): never changed, so a cycle can point at it. */
export const reviewTemplateVersions = sqliteTable(
  'review_template_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: integer('template_id').notNull().references(() => reviewTemplates.id),
    version: integer('version').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('review_template_versions_uq').on(t.templateId, t.version)],
);

export const CYCLE_KINDS = ['monthly', 'quarterly', 'annual'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** A review cycle: the period reviewed, who is in scope, the scale it keeps. */
export const reviewCycles = sqliteTable(
  'review_cycles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: CYCLE_KINDS }).notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    /** Department ids in scope (with their subtrees), or null for the whole company. */
    departments: text('departments', { mode: 'json' }).$type<number[] | null>(),
    /** The scale at opening (null until then). */
    scale: text('scale', { mode: 'json' }).$type<ScaleGrade[] | null>(),
    status: text('status', { enum: ['planned', 'open', 'released'] }).notNull().default('planned'),
    /** When HR released the results: people then see their grade and feedback. */
    releasedAt: text('released_at'),
    /** Days after release during which people may appeal (申诉). */
    appealDays: integer('appeal_days').notNull().default(7),
    /** Whether the fairness and clarity pulse is asked after release. */
    pulse: integer('pulse', { mode: 'boolean' }).notNull().default(false),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    openedAt: text('opened_at'),
    /**
     * Opening drafts every review in slices, each its own transaction (bot/services/reviews/draftCycle.ts): how many
     * reviews the opening has drafted so far (counted in the slice that drafts them, so it ends equal to the cycle's
     * reviews: each drafted exactly once), and when the last one was (null while the cycle is still being opened).
     */
    drafted: integer('drafted').notNull().default(0),
    draftingDoneAt: text('drafting_done_at'),
  },
  (t) => [uniqueIndex('review_cycles_period_uq').on(t.kind, t.periodStart, t.periodEnd, t.name)],
);

/** Rule flags on a review ("needs-improvement"), each visible until HR clears it with a reason. */
export interface ReviewFlag {
  flag: string;
  reason: string;
  clearedBy?: string;
  clearedAt?: string;
  clearReason?: string;
}

/** One person's review in a cycle: the draft (refreshed until the manager submits), self-review, manager's grade. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id').notNull().references(() => reviewCycles.id),
    personId: integer('person_id').notNull().references(() => people.id),
    /** The manager at opening: who reviews. */
    managerId: integer('manager_id').references(() => people.id),
    templateVersionId: integer('template_version_id').notNull().references(() => reviewTemplateVersions.id),
    status: text('status', { enum: ['self_review', 'manager_review', 'submitted'] }).notNull().default('self_review'),
    /** When the person is asked for their self-review (managers earlier). */
    selfOpensAt: text('self_opens_at').notNull(),
    /** The self-review steps in chat, each once: asked, reminded, manager told (a reminder is due at selfRemindAt). */
    selfPromptedAt: text('self_prompted_at'),
    selfRemindAt: text('self_remind_at'),
    selfRemindedAt: text('self_reminded_at'),
    managerToldAt: text('manager_told_at'),
    draft: text('draft', { mode: 'json' }),
    draftAt: text('draft_at'),
    total: real('total'),
    suggestedGrade: text('suggested_grade'),
    capGrade: text('cap_grade'),
    floorGrade: text('floor_grade'),
    flags: text('flags', { mode: 'json' }).$type<ReviewFlag[]>().notNull().default([]),
    selfAnswers: text('self_answers', { mode: 'json' }).$type<(string | null)[]>(),
    selfSubmittedAt: text('self_submitted_at'),
    /** The manager's grade per rating item ("s0i2" → "A"). */
    ratings: text('ratings', { mode: 'json' }).$type<Record<string, string>>(),
    grade: text('grade'),
    feedback: text('feedback'),
    overrideReason: text('override_reason'),
    /** A grade above a cap with an override reason: HR looks at it in calibration. */
    needsCalibration: integer('needs_calibration', { mode: 'boolean' }).notNull().default(false),
    managerSubmittedAt: text('manager_submitted_at'),
    submittedBy: text('submitted_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('reviews_cycle_person_uq').on(t.cycleId, t.personId),
    index('reviews_person_idx').on(t.personId),
    index('reviews_manager_idx').on(t.managerId, t.cycleId),
    // Only drafted reviews are ever prompted (draft_at is set by the first draft and never cleared).
    index('reviews_self_due_idx').on(t.status, t.selfPromptedAt, t.selfOpensAt).where(sql`draft_at is not null`),
    // The reviews an opening has still to draft, in order: a slice reads the first few of its cycle.
    index('reviews_undrafted_idx').on(t.cycleId, t.id).where(sql`draft_at is null`),
  ],
);

/** A calibration meeting (校准会) HR runs for a cycle and a set of departments; locked when it is over. */
export const calibrationSessions = sqliteTable(
  'calibration_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id').notNull().references(() => reviewCycles.id),
    /** Department ids in scope (with their subtrees), or null for the whole cycle. */
    departments: text('departments', { mode: 'json' }).$type<number[] | null>(),
    /** The guideline distribution in percent per grade (e.g. S 10 / A 20 / B 50 / C 15 / D 5): guidance, never enforced. */
    guideline: text('guideline', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    minutes: text('minutes').notNull().default(''),
    lockedAt: text('locked_at'),
    lockedBy: text('locked_by'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('calibration_sessions_cycle_idx').on(t.cycleId)],
);

/** Every grade changed in calibration: before, after, the required reason, and an override across a cap. */
export const calibrationChanges = sqliteTable(
  'calibration_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id),
    reviewId: integer('review_id').notNull().references(() => reviews.id),
    before: text('before'),
    after: text('after').notNull(),
    reason: text('reason').notNull(),
    overrideReason: text('override_reason'),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('calibration_changes_session_idx').on(t.sessionId, t.id), index('calibration_changes_review_idx').on(t.reviewId, t.id)],
);
