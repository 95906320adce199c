import { sqliteTable, integer, real, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';

export const METRIC_DIRECTIONS = ['higher', 'lower'] as const;
export const METRIC_AGGREGATIONS = ['sum', 'mean', 'last', 'ratio'] as const;

/** The metric catalogue: what a number means, which way is good, and how periods roll up. */
export const metricDefinitions = sqliteTable('metric_definitions', {
  key: text('key').primaryKey(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  /** Free text shown after the value ("%", "元", "h"); "ratio" values (0–1) are shown as percentages. */
  unit: text('unit').notNull().default(''),
  direction: text('direction', { enum: METRIC_DIRECTIONS }).notNull(),
  aggregation: text('aggregation', { enum: METRIC_AGGREGATIONS }).notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Metric values per person and period (`2026-11`, `2026-Q4`, `2026-W48`), one per source: a later import of the same
 * (source, person, metric, period) replaces the value and bumps `revision` (the old value is kept in metric_revisions).
 */
export const metricValues = sqliteTable(
  'metric_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    metricKey: text('metric_key').notNull().references(() => metricDefinitions.key),
    period: text('period').notNull(),
    value: real('value').notNull(),
    /** Where it came from: "api", "manual", "crm", "jira", "helpdesk-csv"… */
    source: text('source').notNull(),
    /** The source's own reference (an import id, a CRM report, a Jira issue key). */
    sourceRef: text('source_ref'),
    revision: integer('revision').notNull().default(1),
    /** When the source's data was fetched (a connector's run or webhook); null for API imports and corrections. */
    fetchedAt: text('fetched_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('metric_values_uq').on(t.source, t.personId, t.metricKey, t.period),
    index('metric_values_person_idx').on(t.personId, t.period, t.metricKey),
    index('metric_values_period_idx').on(t.period),
  ],
);

/** Every change of a metric value after the first: re-imports and HR's corrections (with the reason and who). */
export const metricRevisions = sqliteTable(
  'metric_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    valueId: integer('value_id').notNull().references(() => metricValues.id),
    before: real('before').notNull(),
    after: real('after').notNull(),
    source: text('source').notNull(),
    reason: text('reason'),
    actor: text('actor'),
    at: text('at').notNull(),
  },
  (t) => [index('metric_revisions_value_idx').on(t.valueId)],
);
