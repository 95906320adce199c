import type { Db } from '../../../db/client';
import type { METRIC_AGGREGATIONS, METRIC_DIRECTIONS } from '../../../db/schema';

type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];

export interface MetricDefinitionView {
  key: string;
  label: { 'zh-CN': string; en: string };
  unit: string;
  direction: MetricDirection;
  aggregation: MetricAggregation;
}

export interface MetricValueView {
  metric: string;
  label: { 'zh-CN': string; en: string };
  unit: string;
  period: string;
  value: number;
  source: string;
  sourceRef: string | null;
  /** When a connector fetched it; null for API imports and corrections. */
  fetchedAt: string | null;
  revision: number;
  updatedAt: string;
}

/** The metric catalogue, by key. */
export function listMetricDefinitions(db: Db): MetricDefinitionView[] {
  return db.$client
    .prepare<[], { key: string; labelZh: string; labelEn: string; unit: string; direction: MetricDirection; aggregation: MetricAggregation }>(
      'select key, label_zh as labelZh, label_en as labelEn, unit, direction, aggregation from metric_definitions order by key',
    )
    .all()
    .map((d) => ({ key: d.key, label: { 'zh-CN': d.labelZh, en: d.labelEn }, unit: d.unit, direction: d.direction, aggregation: d.aggregation }));
}

/**
 * One person's stored metric values (every source), newest period first; only those of one period key when given.
 * Who may ask is the route's business (the policy's canReadPerson).
 */
export function listMetrics(db: Db, personId: number, period?: string): MetricValueView[] {
  const rows = db.$client
    .prepare<unknown[], { metric: string; labelZh: string; labelEn: string; unit: string; period: string; value: number; source: string; sourceRef: string | null; fetchedAt: string | null; revision: number; updatedAt: string }>(
      `select v.metric_key as metric, d.label_zh as labelZh, d.label_en as labelEn, d.unit, v.period, v.value, v.source,
              v.source_ref as sourceRef, v.fetched_at as fetchedAt, v.revision, v.updated_at as updatedAt
       from metric_values v join metric_definitions d on d.key = v.metric_key
       where v.person_id = ? ${period ? 'and v.period = ?' : ''}
       order by v.period desc, v.metric_key, v.updated_at desc, v.source`,
    )
    .all(...(period ? [personId, period] : [personId]));
  return rows.map(({ labelZh, labelEn, ...r }) => ({ ...r, label: { 'zh-CN': labelZh, en: labelEn } }));
}
