import type { Db } from '../../../db/client';
import type { DateRange } from '../metrics/metricPeriods';
import { metricsFor, type MetricFigure } from '../metrics/metricsFor';
import { preparedOnce } from '../preparedOnce';

/** A person's figures for a period: what rules and scores read. */
export interface PersonFigures {
  metrics: Record<string, MetricFigure>;
  /** Weighted progress (0–1) of the person's individual goals whose period overlaps the range. */
  goalAttainment?: number;
  /** Share of the checkpoints due in the range that were checked in on time (0–1). */
  checkinOnTimeRate?: number;
  /** Share of the standups asked in the range (not excused for leave) that were answered (0–1). */
  standupAnswerRate?: number;
  /** Points earned in the range. */
  points: number;
}

interface GoalRow {
  ownerId: number;
  weight: number;
  startValue: number;
  targetValue: number;
  currentValue: number;
}

/**
 * The figures of many people at once (a cycle opening for 10,000 does this in a handful of queries, not per person).
 * `personIds` null means everyone.
 */
export function figuresFor(db: Db, personIds: readonly number[] | null, range: DateRange): Map<number, PersonFigures> {
  const wanted = personIds ? new Set(personIds) : null;
  const keep = (id: number) => !wanted || wanted.has(id);
  const out = new Map<number, PersonFigures>();
  const get = (id: number) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { metrics: {}, points: 0 }));
    return f;
  };
  for (const id of personIds ?? []) get(id);
  for (const [id, metrics] of metricsFor(db, personIds, range)) get(id).metrics = metrics;

  const c = db.$client;
  // Given people: only their rows, json_each driving each table's person index (a cycle opens a slice of people at a
  // time); everyone: the plain scan. `from(table, alias, column)` is the row source either way.
  const ids = personIds ? [JSON.stringify(personIds)] : [];
  const from = (table: string, alias: string, column: string) =>
    personIds ? `json_each(?) j cross join ${table} ${alias} on ${alias}.${column} = j.value` : `${table} ${alias}`;
  const mode = personIds ? 'some' : 'all';
  const goals = preparedOnce(db, `figures.goals.${mode}`, () => c
    .prepare<string[], GoalRow>(
      `select g.owner_id as ownerId, g.weight, g.start_value as startValue, g.target_value as targetValue, g.current_value as currentValue
       from ${from('goals', 'g', 'owner_id')} where g.level = 'individual' and g.kind = 'performance' and g.period_start <= ? and g.period_end >= ?`,
    ))
    .all(...ids, range.end, range.start);
  const attainment = new Map<number, { w: number; sum: number }>();
  for (const g of goals) {
    if (!keep(g.ownerId)) continue;
    const span = g.targetValue - g.startValue;
    const p = span === 0 ? (g.currentValue === g.targetValue ? 1 : 0) : Math.min(1, Math.max(0, (g.currentValue - g.startValue) / span));
    const a = attainment.get(g.ownerId) ?? { w: 0, sum: 0 };
    const w = Math.max(0, g.weight);
    a.w += w;
    a.sum += w * p;
    attainment.set(g.ownerId, a);
  }
  for (const [id, a] of attainment) get(id).goalAttainment = a.w === 0 ? 0 : a.sum / a.w;

  const checkins = preparedOnce(db, `figures.checkins.${mode}`, () => c
    .prepare<string[], { ownerId: number; due: number; onTime: number }>(
      `select g.owner_id as ownerId, count(*) as due, sum(case when cp.on_time = 1 then 1 else 0 end) as onTime
       from ${from('goals', 'g', 'owner_id')} join checkpoints cp on cp.goal_id = g.id
       where cp.due_date between ? and ? and g.kind = 'performance' group by g.owner_id`,
    ))
    .all(...ids, range.start, range.end);
  for (const r of checkins) if (keep(r.ownerId)) get(r.ownerId).checkinOnTimeRate = r.due === 0 ? undefined : r.onTime / r.due;

  const standups = preparedOnce(db, `figures.standups.${mode}`, () => c
    .prepare<string[], { personId: number; asked: number; answered: number }>(
      `select r.person_id as personId, count(*) as asked, sum(case when r.completed_at is not null then 1 else 0 end) as answered
       from ${from('standup_requests', 'r', 'person_id')}
       where r.due_date between ? and ? and r.excused_at is null group by r.person_id`,
    ))
    .all(...ids, range.start, range.end);
  for (const r of standups) if (keep(r.personId)) get(r.personId).standupAnswerRate = r.asked === 0 ? undefined : r.answered / r.asked;

  const points = preparedOnce(db, `figures.points.${mode}`, () => c
    .prepare<string[], { personId: number; points: number }>(
      `select l.person_id as personId, sum(l.amount) as points from ${from('points_ledger', 'l', 'person_id')}
       where l.kind in ('standup', 'checkin', 'adjustment') and substr(l.created_at, 1, 10) between ? and ? group by l.person_id`,
    ))
    .all(...ids, range.start, range.end);
  for (const r of points) if (keep(r.personId)) get(r.personId).points = r.points;
  return out;
}

/** The figures as rule variables: metric keys plus goal_attainment, checkin_on_time_rate, standup_answer_rate, points. */
export function ruleVariables(f: PersonFigures): Record<string, number | undefined> {
  const vars: Record<string, number | undefined> = {
    goal_attainment: f.goalAttainment,
    checkin_on_time_rate: f.checkinOnTimeRate,
    standup_answer_rate: f.standupAnswerRate,
    points: f.points,
  };
  for (const [k, m] of Object.entries(f.metrics)) vars[k] = m.value;
  return vars;
}
