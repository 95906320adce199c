import { stmt } from './sql';
import type { Db } from '../../../db/client';
import type { MetricValueInput } from './connector';
import { ensureMetricDefinitions } from './metricCatalogue';
import { progressFromMetrics } from '../goals/progressFromMetrics';

export interface MetricChange {
  personId: number;
  metric: string;
  period: string;
  before: number | null;
  after: number;
  ref: string;
}

export interface WriteResult {
  created: number;
  revised: number;
  unchanged: number;
  changes: MetricChange[];
}

const REF_MAX = 500;

/** A reference list cut to fit: "jira:A-1,A-2 (+12)". */
export function refOf(prefix: string, refs: readonly string[]): string {
  let out = `${prefix}:`;
  let used = 0;
  for (const r of refs) {
    const next = `${used ? ',' : ''}${r}`;
    if (out.length + next.length > REF_MAX - 12) break;
    out += next;
    used++;
  }
  return used < refs.length ? `${out} (+${refs.length - used})` : out;
}

/**
 * Writes a connector's values under its source, inside the caller's transaction: a new (source, person, metric,
 * period) is created; another value revises it (the old one kept in metric_revisions, actor = the connector); the
 * same value again only refreshes its reference and fetch time. Every value keeps source, fetch time and reference.
 * Goals bound to a changed metric progress by themselves (progressFromMetrics), as after importMetrics.
 */
export function writeMetricValues(db: Db, source: string, values: readonly MetricValueInput[], fetchedAt: Date, actor: string): WriteResult {
  ensureMetricDefinitions(db, values.map((v) => v.metric), fetchedAt);
  const at = fetchedAt.toISOString();
  const find = stmt<[string, number, string, string], { id: number; value: number }>(db, 
    'select id, value from metric_values where source = ? and person_id = ? and metric_key = ? and period = ?',
  );
  const insert = stmt(db, 
    `insert into metric_values (person_id, metric_key, period, value, source, source_ref, revision, fetched_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const revise = stmt(db, 'update metric_values set value = ?, source_ref = ?, fetched_at = ?, revision = revision + 1, updated_at = ? where id = ?');
  const touch = stmt(db, 'update metric_values set source_ref = ?, fetched_at = ? where id = ?');
  const keep = stmt(db, 'insert into metric_revisions (value_id, before, after, source, reason, actor, at) values (?, ?, ?, ?, null, ?, ?)');
  const result: WriteResult = { created: 0, revised: 0, unchanged: 0, changes: [] };
  for (const v of values) {
    const existing = find.get(source, v.personId, v.metric, v.period);
    if (!existing) {
      insert.run(v.personId, v.metric, v.period, v.value, source, v.ref, at, at, at);
      result.created++;
      result.changes.push({ personId: v.personId, metric: v.metric, period: v.period, before: null, after: v.value, ref: v.ref });
    } else if (existing.value === v.value) {
      touch.run(v.ref, at, existing.id);
      result.unchanged++;
    } else {
      keep.run(existing.id, existing.value, v.value, source, actor, at);
      revise.run(v.value, v.ref, at, at, existing.id);
      result.revised++;
      result.changes.push({ personId: v.personId, metric: v.metric, period: v.period, before: existing.value, after: v.value, ref: v.ref });
    }
  }
  // Key results bound to a metric follow it, in this transaction, as with every other write to the store.
  if (result.changes.length) progressFromMetrics({ db, now: () => fetchedAt }, result.changes.map(({ personId, metric, period }) => ({ personId, metric, period })));
  return result;
}
