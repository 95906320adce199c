import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { averageDealSize, monthRange, monthsBetween, ROLE_METRICS, swing, teamValue, type RoleFunction } from '../../domain/roleDashboards';
import { t } from '../../i18n';
import { listMetricDefinitions } from '../metrics/listMetrics';
import { metricsFor } from '../metrics/metricsFor';
import { inScope, type ReportScope } from './reportScope';

export interface RoleSeries {
  key: string;
  label: { 'zh-CN': string; en: string };
  unit: string;
  /** ratio values (0–1) are shown as percentages; `swing` is a share of change. */
  kind: 'value' | 'ratio' | 'swing';
  direction: 'higher' | 'lower';
  values: (number | null)[];
}

export interface RoleDashboard {
  function: RoleFunction;
  months: string[];
  /** The people counted (the person asked for, or the function's people in scope). */
  people: number;
  series: RoleSeries[];
}

/** The derived figures' names, in both languages (like the catalogue's labels). */
const derivedLabel = (key: 'avg_deal_size' | 'deal_size_swing') => ({ 'zh-CN': t('zh-CN', `report.metric.${key}`), en: t('en', `report.metric.${key}`) });

/**
 * A job function's dashboard over months, for one person or a team (the function's active people in scope), read
 * only through the metric store: one metricsFor call per month (each one indexed query over the period keys, for
 * everyone at once), never per person. A team's figure sums amounts and averages rates and means; the sales deal
 * size is signed amount ÷ customers and its swing the change against the month before.
 */
export function roleDashboard(db: Db, input: { fn: RoleFunction; from: string; to: string; personId?: number; scope: ReportScope }): RoleDashboard {
  const months = monthsBetween(input.from, input.to);
  const ids = input.personId != null
    ? [input.personId]
    : db.all<{ id: number }>(sql`
        select p.id from people p left join departments dp on dp.id = p.department_id
        where p.active = 1 and p.job_function = ${input.fn} and ${inScope(input.scope, sql`p.id`, sql`dp.path`)}`).map((r) => r.id);
  const defs = new Map(listMetricDefinitions(db).map((d) => [d.key, d]));
  const keys = ROLE_METRICS[input.fn].filter((k) => defs.has(k));
  const values = new Map(keys.map((k) => [k, [] as (number | null)[]]));
  for (const month of months) {
    const figures = ids.length ? metricsFor(db, ids, monthRange(month)) : new Map();
    for (const key of keys) {
      const own = ids.flatMap((id) => (figures.get(id)?.[key] ? [figures.get(id)![key].value] : []));
      values.get(key)!.push(teamValue(own, defs.get(key)!.aggregation));
    }
  }
  const series: RoleSeries[] = keys.map((key) => {
    const d = defs.get(key)!;
    return { key, label: d.label, unit: d.unit, kind: d.aggregation === 'ratio' ? 'ratio' : 'value', direction: d.direction, values: values.get(key)! };
  });
  if (input.fn === 'sales' && values.has('signed_amount') && values.has('customers')) {
    const deal = months.map((_, i) => averageDealSize(values.get('signed_amount')![i], values.get('customers')![i]));
    const unit = defs.get('signed_amount')!.unit;
    series.push({ key: 'avg_deal_size', label: derivedLabel('avg_deal_size'), unit, kind: 'value', direction: 'higher', values: deal.map((v) => (v === null ? null : Math.round(v * 100) / 100)) });
    series.push({ key: 'deal_size_swing', label: derivedLabel('deal_size_swing'), unit: '', kind: 'swing', direction: 'lower', values: swing(deal).map((v) => (v === null ? null : Math.round(v * 1000) / 1000)) });
  }
  return { function: input.fn, months, people: ids.length, series };
}
