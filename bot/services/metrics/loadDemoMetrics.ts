import { buildDemoMetrics, DEMO_METRIC_DEFINITIONS, DEMO_METRIC_SOURCE } from '../../../db/seed/demoMetrics';
import { localDate } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import { defineMetric } from './defineMetric';
import { importMetrics, type ImportResult } from './importMetrics';
import { listMetricDefinitions } from './listMetrics';

const ACTOR = 'system:demo';

/**
 * Loads the demo metrics (db/seed/demoMetrics.ts) for the people in the directory: the catalogue entries that are
 * missing, then this month's and last month's values (in the company's time zone) under source "demo". Safe to
 * repeat: the values are deterministic, so a second load in the same month leaves everything unchanged.
 */
export function loadDemoMetrics(deps: Pick<ServiceDeps, 'db' | 'now'>, timezone: string): { defined: number } & ImportResult {
  const known = new Set(listMetricDefinitions(deps.db).map((d) => d.key));
  const missing = DEMO_METRIC_DEFINITIONS.filter((d) => !known.has(d.key));
  for (const d of missing) defineMetric(deps, ACTOR, d);
  const thisMonth = localDate(deps.now(), timezone).slice(0, 7);
  const [y, m] = thisMonth.split('-').map(Number);
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const people = deps.db.$client
    .prepare<[], { email: string; jobFunction: string; role: string }>('select email, job_function as jobFunction, role from people where active = 1 order by id')
    .all();
  const records = buildDemoMetrics(people, [lastMonth, thisMonth]);
  if (records.length === 0) return { defined: missing.length, accepted: 0, created: 0, revised: 0, unchanged: 0 };
  return { defined: missing.length, ...importMetrics(deps, ACTOR, { source: DEMO_METRIC_SOURCE, records }) };
}
