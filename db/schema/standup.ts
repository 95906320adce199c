import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/** One standup round per ISO week ("2026-W48"). Closing time is fixed when the round opens. */
export const standupRounds = sqliteTable(
  'standup_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodKey: text('period_key').notNull(),
    questions: text('questions', { mode: 'json' }).notNull().$type<{ en: string; 'zh-CN': string; blocker?: boolean }[]>(),
    openedAt: text('opened_at').notNull(),
    closesAt: text('closes_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [uniqueIndex('standup_rounds_period_uq').on(t.periodKey), index('standup_rounds_open_idx').on(t.closedAt, t.closesAt)],
);

/** Who was asked in a round, and where they stand. */
export const standupRequests = sqliteTable(
  'standup_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id').notNull().references(() => standupRounds.id),
    personId: integer('person_id').notNull().references(() => people.id),
    /** The person's local standup day (YYYY-MM-DD) and the UTC instant the reminder falls due. */
    dueDate: text('due_date').notNull(),
    remindAt: text('remind_at').notNull(),
    promptedAt: text('prompted_at').notNull(),
    remindedAt: text('reminded_at'),
    completedAt: text('completed_at'),
    /** Set when the person said they are on leave this week: not reminded, not listed as missing. */
    excusedAt: text('excused_at'),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    /** The questions asked when the person's department has its own standup (null: the round's questions). */
    questions: text('questions', { mode: 'json' }).$type<{ en: string; 'zh-CN': string; blocker?: boolean }[]>(),
  },
  (t) => [
    uniqueIndex('standup_requests_round_person_uq').on(t.roundId, t.personId),
    index('standup_requests_remind_idx').on(t.completedAt, t.remindedAt, t.remindAt),
    index('standup_requests_person_idx').on(t.personId),
  ],
);

/** The progress log: one row per question answered (or skipped). */
export const standupAnswers = sqliteTable(
  'standup_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id').notNull().references(() => standupRequests.id),
    questionIndex: integer('question_index').notNull(),
    answer: text('answer'),
    skipped: integer('skipped', { mode: 'boolean' }).notNull().default(false),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    answeredAt: text('answered_at').notNull(),
    editedAt: text('edited_at'),
    /** Who typed the answer when it was not the person (the chat simulator, for someone on the local chat only). */
    enteredBy: text('entered_by'),
  },
  (t) => [uniqueIndex('standup_answers_request_q_uq').on(t.requestId, t.questionIndex)],
);
