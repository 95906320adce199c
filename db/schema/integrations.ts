import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/**
 * One row per connector (crm, jira, tapd, helpdesk) once an admin saved it in the console; before that the
 * connector runs on the env defaults (bot/config.ts). `settings` is plain JSON; `secrets` is JSON the API never
 * returns (it answers only which secrets are set) and the logs never show.
 */
export const integrationConnectors = sqliteTable('integration_connectors', {
  key: text('key').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  /** Cron in DEFAULT_TIMEZONE; empty = never on a schedule (webhooks still arrive). */
  schedule: text('schedule').notNull().default(''),
  settings: text('settings', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  secrets: text('secrets', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  updatedAt: text('updated_at').notNull(),
});

/** Every run of a connector: scheduled, manual, a dry run, or a webhook batch; with what it wrote or why it failed. */
export const integrationRuns = sqliteTable(
  'integration_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connector: text('connector').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'dry-run', 'upload', 'inbox'] }).notNull(),
    status: text('status', { enum: ['running', 'ok', 'refused', 'failed', 'dry-run'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsWritten: integer('rows_written').notNull().default(0),
    quarantined: integer('quarantined').notNull().default(0),
    error: text('error'),
    /** A dry run's would-be values, or a run's summary. */
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('integration_runs_connector_idx').on(t.connector, t.id)],
);

/** Records a connector could not use — an unknown person, a bad field — kept with the reason, never dropped. */
export const integrationQuarantine = sqliteTable(
  'integration_quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connector: text('connector').notNull(),
    runId: integer('run_id'),
    ref: text('ref').notNull(),
    reason: text('reason').notNull(),
    record: text('record', { mode: 'json' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('integration_quarantine_connector_idx').on(t.connector, t.id), index('integration_quarantine_ref_idx').on(t.connector, t.ref)],
);

/** Webhook deliveries seen (Jira's X-Atlassian-Webhook-Identifier, TAPD's event_id): a retry is acknowledged and dropped. */
export const integrationEvents = sqliteTable(
  'integration_events',
  {
    connector: text('connector').notNull(),
    eventKey: text('event_key').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [uniqueIndex('integration_events_uq').on(t.connector, t.eventKey)],
);

/** A connector's user id (Jira accountId, TAPD nick, a helpdesk agent's name…) → a person, kept in the console. */
export const integrationUserMap = sqliteTable(
  'integration_user_map',
  {
    connector: text('connector').notNull(),
    externalId: text('external_id').notNull(),
    personId: integer('person_id').notNull().references(() => people.id),
  },
  (t) => [uniqueIndex('integration_user_map_uq').on(t.connector, t.externalId)],
);

/**
 * The raw records behind the metrics (a Jira issue, a TAPD story, a CRM deal, a helpdesk ticket) in their newest
 * known state: `source_updated` orders events that arrive out of order; metric values point here by `ref`.
 */
export const integrationRecords = sqliteTable(
  'integration_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connector: text('connector').notNull(),
    ref: text('ref').notNull(),
    personId: integer('person_id').references(() => people.id),
    sourceUpdated: text('source_updated').notNull(),
    /** The normalised record the metrics are computed from. */
    data: text('data', { mode: 'json' }).notNull(),
    /** The record as the source sent it. */
    raw: text('raw', { mode: 'json' }),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [uniqueIndex('integration_records_uq').on(t.connector, t.ref), index('integration_records_person_idx').on(t.connector, t.personId)],
);

/** Files imported (upload or inbox) by SHA-256: the same file twice writes nothing twice. */
export const integrationFiles = sqliteTable('integration_files', {
  sha256: text('sha256').primaryKey(),
  connector: text('connector').notNull(),
  name: text('name').notNull(),
  runId: integer('run_id'),
  importedAt: text('imported_at').notNull(),
});
