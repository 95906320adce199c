import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/** The outbox: every outgoing chat message, written in the transaction of the change that caused it. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    platform: text('platform').notNull(),
    personId: integer('person_id').references(() => people.id),
    channel: text('channel'),
    payload: text('payload', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    externalRef: text('external_ref'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('deliveries_dedupe_uq').on(t.dedupeKey), index('deliveries_due_idx').on(t.status, t.platform, t.nextAttemptAt)],
);

/** Inbound events seen, keyed per platform, so retries are dropped. */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    eventKey: text('event_key').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [uniqueIndex('inbound_events_key_uq').on(t.platform, t.eventKey)],
);

/** Per-person dialogue state ("question 2 of 3"), so a flow survives restarts. */
export const conversations = sqliteTable('conversations', {
  personId: integer('person_id').primaryKey().references(() => people.id),
  flow: text('flow').notNull(),
  step: integer('step').notNull(),
  subjectId: integer('subject_id').notNull(),
  /** What the flow has collected so far (e.g. a check-in's value before its status). */
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
  expiresAt: text('expires_at'),
  updatedAt: text('updated_at').notNull(),
});

/** The built-in local chat: what the bot and people said, per person or per channel. */
export const localMessages = sqliteTable(
  'local_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').references(() => people.id),
    channel: text('channel'),
    sender: text('sender', { enum: ['bot', 'person'] }).notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
    /** E-mail of whoever typed a person's message for them in the simulator; null when the person typed it. */
    typedBy: text('typed_by'),
  },
  (t) => [index('local_messages_person_idx').on(t.personId, t.id), index('local_messages_channel_idx').on(t.channel, t.id)],
);

/** Scheduler bookkeeping: what each job did when. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    result: text('result', { mode: 'json' }),
    error: text('error'),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.startedAt)],
);
