import type { Db } from '../../../db/client';
import { periodKeys, type DateRange } from './metricPeriods';
import { preparedOnce } from '../preparedOnce';

/** A metric as a review reads it: the value for the period and where it came from. */
export interface MetricFigure {
  value: number;
  source: string;
  sourceRef: string | null;
  /** When a connector fetched it (null for API imports and corrections); the newest of the parts when aggregated. */
  fetchedAt: string | null;
  /** The period key the value was stored under, or the keys it was aggregated from. */
  periods: string[];
}

interface Row {
  personId: number;
  metricKey: string;
  period: string;
  value: number;
  source: string;
  sourceRef: string | null;
  fetchedAt: string | null;
  updatedAt: string;
  aggregation: 'sum' | 'mean' | 'last' | 'ratio';
}

/**
 * Every person's metrics for a period, in one query over the period keys (indexed), for many people at once
 * (a cycle of 10,000). A value stored for the period itself wins; otherwise the finer periods inside it are
 * combined by the metric's aggregation (sum; mean — also for ratios; last: the latest period). Where several
 * sources hold the same person, metric and period, the most recently updated one counts.
 */
export function metricsFor(db: Db, personIds: readonly number[] | null, range: DateRange): Map<number, Record<string, MetricFigure>> {
  const { own, parts } = periodKeys(range);
  const keys = [...(own ? [own] : []), ...parts];
  const out = new Map<number, Record<string, MetricFigure>>();
  if (keys.length === 0) return out;
  const wanted = personIds ? new Set(personIds) : null;
  // Given people: only theirs, json_each driving metric_values_person_idx (a cycle drafts a slice of people at a time).
  // prepared once per shape (people given or not, how many period keys): a cycle drafts thousands of small slices
  const rows = preparedOnce(db, `metricsFor.${personIds ? 'some' : 'all'}.${keys.length}`, () => db.$client
    .prepare<string[], Row>(
      `select v.person_id as personId, v.metric_key as metricKey, v.period, v.value, v.source, v.source_ref as sourceRef, v.fetched_at as fetchedAt,
              v.updated_at as updatedAt, d.aggregation
       from ${personIds ? 'json_each(?) j cross join metric_values v on v.person_id = j.value' : 'metric_values v'} join metric_definitions d on d.key = v.metric_key
       where v.period in (${keys.map(() => '?').join(',')})`,
    ))
    .all(...(personIds ? [JSON.stringify(personIds)] : []), ...keys);
  // person → metric → period → the newest row
  const grouped = new Map<number, Map<string, Map<string, Row>>>();
  for (const r of rows) {
    if (wanted && !wanted.has(r.personId)) continue;
    const byMetric = grouped.get(r.personId) ?? new Map<string, Map<string, Row>>();
    grouped.set(r.personId, byMetric);
    const byPeriod = byMetric.get(r.metricKey) ?? new Map<string, Row>();
    byMetric.set(r.metricKey, byPeriod);
    const seen = byPeriod.get(r.period);
    if (!seen || seen.updatedAt < r.updatedAt) byPeriod.set(r.period, r);
  }
  for (const [personId, byMetric] of grouped) {
    const figures: Record<string, MetricFigure> = {};
    for (const [metric, byPeriod] of byMetric) {
      const figure = figureOf(byPeriod, own, parts);
      if (figure) figures[metric] = figure;
    }
    out.set(personId, figures);
  }
  return out;
}

/**
 * One person's figure of one metric for a period (indexed by person and period), the way metricsFor reads it;
 * undefined when nothing is stored for it. The goals bound to a metric follow this.
 */
export function metricFigure(db: Db, personId: number, metricKey: string, range: DateRange): MetricFigure | undefined {
  const { own, parts } = periodKeys(range);
  const keys = [...(own ? [own] : []), ...parts];
  if (keys.length === 0) return undefined;
  const rows = db.$client
    .prepare<unknown[], Row>(
      `select v.person_id as personId, v.metric_key as metricKey, v.period, v.value, v.source, v.source_ref as sourceRef, v.fetched_at as fetchedAt,
              v.updated_at as updatedAt, d.aggregation
       from metric_values v join metric_definitions d on d.key = v.metric_key
       where v.person_id = ? and v.metric_key = ? and v.period in (${keys.map(() => '?').join(',')})`,
    )
    .all(personId, metricKey, ...keys);
  const byPeriod = new Map<string, Row>();
  for (const r of rows) {
    const seen = byPeriod.get(r.period);
    if (!seen || seen.updatedAt < r.updatedAt) byPeriod.set(r.period, r);
  }
  return figureOf(byPeriod, own, parts);
}

/** A stored value for the period itself wins; else its months (a quarter from its months), else its weeks. */
function figureOf(byPeriod: Map<string, Row>, own: string | null, parts: string[]): MetricFigure | undefined {
  const whole = own ? byPeriod.get(own) : undefined;
  if (whole) return { value: whole.value, source: whole.source, sourceRef: whole.sourceRef, fetchedAt: whole.fetchedAt, periods: [whole.period] };
  // months first, else weeks; never both, which would count twice
  const inParts = parts.map((p) => byPeriod.get(p)).filter((r): r is Row => r !== undefined);
  const months = inParts.filter((r) => !r.period.includes('W'));
  const used = months.length ? months : inParts;
  if (used.length === 0) return undefined;
  const fetched = used.map((r) => r.fetchedAt).filter((x): x is string => x !== null).sort();
  const refs = used.map((r) => r.sourceRef).filter((x): x is string => x !== null);
  return { value: combine(used), source: [...new Set(used.map((r) => r.source))].join(', '), sourceRef: refs.length ? refs.join('; ').slice(0, 500) : null, fetchedAt: fetched.at(-1) ?? null, periods: used.map((r) => r.period) };
}

function combine(rows: Row[]): number {
  const how = rows[0].aggregation;
  if (how === 'sum') return rows.reduce((s, r) => s + r.value, 0);
  if (how === 'last') return [...rows].sort((a, b) => a.period.localeCompare(b.period)).at(-1)!.value;
  return rows.reduce((s, r) => s + r.value, 0) / rows.length;
}
