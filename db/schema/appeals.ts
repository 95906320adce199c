import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { people } from './org';
import { calibrationSessions, reviewCycles, reviews } from './reviews';

/** People HR invited to a calibration session (the heads of its departments by default): they sign in and take part. */
export const calibrationParticipants = sqliteTable(
  'calibration_participants',
  {
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id),
    personId: integer('person_id').notNull().references(() => people.id),
    invitedBy: text('invited_by').notNull(),
    invitedAt: text('invited_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.personId] }), index('calibration_participants_person_idx').on(t.personId)],
);

/** A person's appeal (申诉) of a released grade: one per review, answered by HR before `dueAt`. */
export const reviewAppeals = sqliteTable(
  'review_appeals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id').notNull().references(() => reviews.id),
    cycleId: integer('cycle_id').notNull().references(() => reviewCycles.id),
    personId: integer('person_id').notNull().references(() => people.id),
    reason: text('reason').notNull(),
    /** Where it was started: in chat or on My page. */
    channel: text('channel', { enum: ['chat', 'web'] }).notNull(),
    status: text('status', { enum: ['open', 'upheld', 'changed'] }).notNull().default('open'),
    /** HR's response deadline. */
    dueAt: text('due_at').notNull(),
    /** The ladder's reminders to HR, each once: when the deadline is close, and when it has passed. */
    hrRemindedAt: text('hr_reminded_at'),
    hrOverdueAt: text('hr_overdue_at'),
    gradeBefore: text('grade_before'),
    gradeAfter: text('grade_after'),
    note: text('note'),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('review_appeals_review_uq').on(t.reviewId), index('review_appeals_status_idx').on(t.status, t.dueAt), index('review_appeals_cycle_idx').on(t.cycleId)],
);

/** Who has been asked the fairness pulse of a cycle and whether they answered; never what they answered. */
export const pulseRequests = sqliteTable(
  'pulse_requests',
  {
    cycleId: integer('cycle_id').notNull().references(() => reviewCycles.id),
    personId: integer('person_id').notNull().references(() => people.id),
    askedAt: text('asked_at').notNull(),
    answered: integer('answered', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.personId] })],
);

/**
 * The pulse's answers, anonymous: no person, no time, only the department for breakdowns (shown from 5 answers up).
 * acceptance: "我认可本次绩效结果" 0–10; clarity: "我对自己的工作目标清晰" 1 (strongly disagree) – 5 (strongly agree).
 */
export const pulseAnswers = sqliteTable(
  'pulse_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id').notNull().references(() => reviewCycles.id),
    departmentId: integer('department_id'),
    acceptance: integer('acceptance').notNull(),
    clarity: integer('clarity').notNull(),
  },
  (t) => [index('pulse_answers_cycle_idx').on(t.cycleId)],
);
