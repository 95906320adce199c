import type { Db } from '../../../db/client';
import { expectedPercent, progressPercent, suggestedStatus, type GoalStatus } from '../../domain/goalProgress';
import { localDate } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import { metricFigure } from '../metrics/metricsFor';
import { periodRange } from '../metrics/metricPeriods';

/** One stored metric value that was created or changed: whose, which metric, which period key. */
export interface TouchedMetric {
  personId: number;
  metric: string;
  period: string;
}

interface BoundGoal {
  id: number;
  ownerId: number;
  metricKey: string;
  startValue: number;
  targetValue: number;
  currentValue: number;
  periodStart: string;
  periodEnd: string;
  timezone: string;
}

const BOUND = `select g.id, g.owner_id as ownerId, g.metric_key as metricKey, g.start_value as startValue, g.target_value as targetValue,
                      g.current_value as currentValue, g.period_start as periodStart, g.period_end as periodEnd, p.timezone
               from goals g join people p on p.id = g.owner_id`;

/**
 * The metric store's hook: every write of metric values (importMetrics, correctMetric, and the connectors that call
 * them) calls this inside its own transaction with the values it created or changed. Each key result bound to one
 * of those metrics, owned by that person, whose period overlaps the value's, follows the owner's figure for the
 * goal's period: when it differs from the goal's current value, the goal takes it and an "auto" check-in records
 * it — answering no checkpoint and earning no point, so the owner's own check-in (status, note) still counts.
 * The same values again change nothing.
 */
export function progressFromMetrics(deps: Pick<ServiceDeps, 'db' | 'now'>, touched: readonly TouchedMetric[]): { updated: number } {
  if (touched.length === 0) return { updated: 0 };
  const c = deps.db.$client;
  const bound = c.prepare<[], BoundGoal>(`${BOUND} where g.metric_key is not null`).all();
  if (bound.length === 0) return { updated: 0 };
  const byOwnerMetric = new Map<string, BoundGoal[]>();
  for (const g of bound) {
    const key = `${g.ownerId}\u0000${g.metricKey}`;
    byOwnerMetric.set(key, [...(byOwnerMetric.get(key) ?? []), g]);
  }
  const due = new Map<number, BoundGoal>();
  for (const t of touched) {
    const goals = byOwnerMetric.get(`${t.personId}\u0000${t.metric}`);
    if (!goals) continue;
    const range = periodRange(t.period);
    for (const g of goals) if (range.start <= g.periodEnd && range.end >= g.periodStart) due.set(g.id, g);
  }
  let updated = 0;
  for (const g of due.values()) if (follow(deps, g)) updated++;
  return { updated };
}

/**
 * A goal just bound to a metric (created, adjusted or imported with one) takes the figure stored already, if any.
 * Call inside the transaction that saved the goal.
 */
export function progressFromMetricsForGoal(deps: Pick<ServiceDeps, 'db' | 'now'>, goalId: number): boolean {
  const g = deps.db.$client.prepare<[number], BoundGoal>(`${BOUND} where g.id = ? and g.metric_key is not null`).get(goalId);
  return g ? follow(deps, g) : false;
}

function follow(deps: Pick<ServiceDeps, 'db' | 'now'>, g: BoundGoal): boolean {
  const db: Db = deps.db;
  const figure = metricFigure(db, g.ownerId, g.metricKey, { start: g.periodStart, end: g.periodEnd });
  if (!figure || figure.value === g.currentValue) return false;
  const now = deps.now();
  const at = now.toISOString();
  const today = localDate(now, g.timezone);
  // The status recorded with an auto update is the suggested one; the goal's own status stays the owner's word.
  const status: GoalStatus = suggestedStatus(progressPercent(g.startValue, g.targetValue, figure.value), expectedPercent(g.periodStart, g.periodEnd, today));
  const c = db.$client;
  c.prepare('update goals set current_value = ?, updated_at = ? where id = ?').run(figure.value, at, g.id);
  c.prepare(
    `insert into check_ins (goal_id, checkpoint_id, person_id, value, status, note, on_time, auto, source, at)
     values (?, null, ?, ?, ?, null, 1, 1, ?, ?)`,
  ).run(g.id, g.ownerId, figure.value, status, figure.source, at);
  return true;
}
