import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/**
 * WeCom callbacks as received (the decrypted XML), written before the HTTP 200 so a crash between the
 * answer and the processing loses nothing: unprocessed rows are picked up at start and on every tick.
 * dedupe_key (MsgId; FromUserName+CreateTime for events; plus TaskId+EventKey for card clicks) drops retries.
 */
export const wecomInbound = sqliteTable(
  'wecom_inbound',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    xml: text('xml').notNull(),
    receivedAt: text('received_at').notNull(),
    processedAt: text('processed_at'),
    /** handled | duplicate | ignored | unknown_user | failed */
    outcome: text('outcome'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  // Pending rows only (the catch-up's read): marking a row processed drops its entry instead of moving it.
  (t) => [uniqueIndex('wecom_inbound_key_uq').on(t.dedupeKey), index('wecom_inbound_pending_idx').on(t.id).where(sql`processed_at is null`)],
);

/** Cards we sent (one row per message/send call): the buttons by key, so a click can be answered with its label. */
export const wecomCards = sqliteTable('wecom_cards', {
  taskId: text('task_id').primaryKey(),
  buttons: text('buttons', { mode: 'json' }).notNull().$type<{ key: string; label: string }[]>(),
  createdAt: text('created_at').notNull(),
});

/**
 * One pending or done update_template_card per card and member. A response_code can be used once (72 h):
 * a click's code is either spent at once (status due) or held until the standup it opened is done.
 */
export const wecomCardUpdates = sqliteTable(
  'wecom_card_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: text('task_id').notNull(),
    userid: text('userid').notNull(),
    personId: integer('person_id').references(() => people.id),
    responseCode: text('response_code').notNull(),
    /** The button that produced the code (held codes wait for the flow that button started). */
    actionId: text('action_id'),
    actionValue: text('action_value'),
    status: text('status', { enum: ['held', 'due', 'done', 'failed'] }).notNull(),
    label: text('label'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('wecom_card_updates_card_user_uq').on(t.taskId, t.userid),
    index('wecom_card_updates_due_idx').on(t.status, t.nextAttemptAt),
    index('wecom_card_updates_person_idx').on(t.personId, t.status),
  ],
);

/** People WeCom reported in `invaliduser` (left, not activated, outside the app's range): never retried. */
export const wecomInvalidRecipients = sqliteTable('wecom_invalid_recipients', {
  personId: integer('person_id').primaryKey().references(() => people.id),
  userid: text('userid').notNull(),
  reportedAt: text('reported_at').notNull(),
  deliveryId: integer('delivery_id'),
});
