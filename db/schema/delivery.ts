import { sql } from 'drizzle-orm';
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
    /**
     * The dispatcher instance sending this row, and until when its lease holds (a crashed sender's rows come back
     * after it). Once sent, claimed_by says who sent it.
     */
    claimedBy: text('claimed_by'),
    claimedUntil: text('claimed_until'),
    /** When the row was dead-lettered (the health check counts recent ones). */
    deadAt: text('dead_at'),
  },
  (t) => [
    uniqueIndex('deliveries_dedupe_uq').on(t.dedupeKey),
    // Only the rows that still concern the dispatcher or the health check are indexed: a sent row (most of the table,
    // and every row a fan-out delivers at enqueue time) costs the primary key and the dedupe key only.
    /** The claim: a platform's due rows in order (only pending rows are in it). */
    index('deliveries_due_idx').on(t.platform, t.nextAttemptAt).where(sql`status = 'pending'`),
    /** Recently dead-lettered rows (the health check); only dead rows are in it. */
    index('deliveries_dead_idx').on(t.deadAt).where(sql`dead_at is not null`),
    /** What went to WeCom members in the last hour (the per-member limits after a restart). */
    index('deliveries_wecom_sent_idx').on(t.sentAt).where(sql`platform = 'wecom' and status = 'sent'`),
    /** A person's pending rows (only pending rows are in it): may a new reply go out at once, or is one still queued? */
    index('deliveries_pending_person_idx').on(t.personId, t.id).where(sql`status = 'pending'`),
  ],
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
    /** The outbox row this bot message delivers: unique, so a resend after a crash writes nothing new. */
    deliveryId: integer('delivery_id'),
  },
  (t) => [
    index('local_messages_person_idx').on(t.personId, t.id),
    index('local_messages_channel_idx').on(t.channel, t.id).where(sql`channel is not null`), // a person's messages have none
    uniqueIndex('local_messages_delivery_uq').on(t.deliveryId),
  ],
);

/**
 * Who runs a scheduled job right now: a second instance on the same database skips a job another one holds.
 * The lease expires by itself, so a crashed holder never blocks a job for longer than the lease.
 */
export const jobLeases = sqliteTable('job_leases', {
  job: text('job').primaryKey(),
  claimedBy: text('claimed_by').notNull(),
  claimedUntil: text('claimed_until').notNull(),
});

/** One row the health check rewrites now and then: a cheap proof that the database still takes writes. */
export const healthProbe = sqliteTable('health_probe', {
  id: integer('id').primaryKey(),
  at: text('at').notNull(),
});

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
