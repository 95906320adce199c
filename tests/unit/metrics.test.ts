import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { isPeriodKey, periodKeys } from '../../bot/services/metrics/metricPeriods';
import { metricsFor } from '../../bot/services/metrics/metricsFor';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../bot/services/audit';
import { metricKeyProblem } from '../../bot/services/metrics/defineMetric';
import { loadDemoMetrics } from '../../bot/services/metrics/loadDemoMetrics';
import { importPeople } from '../../bot/services/people/importPeople';
import { buildDemoCompanyCsv } from '../../db/seed/demoCompany';
import { buildDemoMetrics, DEMO_METRIC_DEFINITIONS } from '../../db/seed/demoMetrics';

const weeks = (from: number, to: number, year = 2026) => Array.from({ length: to - from + 1 }, (_, i) => `${year}-W${String(from + i).padStart(2, '0')}`);

describe('metricPeriods.periodKeys', () => {
  it('a month: its own key, and the ISO weeks whose Thursday falls in it', () => {
    // November 2026 starts on a Sunday: the week of 2 Nov has its Thursday on the 5th
    expect(periodKeys({ start: '2026-11-01', end: '2026-11-30' })).toEqual({ own: '2026-11', parts: weeks(45, 48) });
  });

  it('a quarter: its own key, its months and its weeks (2026 has a week 53, Thursday 31 December)', () => {
    expect(periodKeys({ start: '2026-10-01', end: '2026-12-31' })).toEqual({ own: '2026-Q4', parts: ['2026-10', '2026-11', '2026-12', ...weeks(40, 53)] });
    expect(periodKeys({ start: '2027-01-01', end: '2027-03-31' }).own).toBe('2027-Q1');
  });

  it('a range that is no month or quarter has no own key; the months it touches and its weeks are the parts', () => {
    expect(periodKeys({ start: '2026-11-10', end: '2026-11-20' })).toEqual({ own: null, parts: ['2026-11', '2026-W46', '2026-W47'] });
    // across the new year: the week of 28 Dec 2026 – 3 Jan 2027 is 2026-W53
    expect(periodKeys({ start: '2026-12-28', end: '2027-01-03' })).toEqual({ own: null, parts: ['2026-12', '2027-01', '2026-W53'] });
    // two months are no quarter
    expect(periodKeys({ start: '2026-11-01', end: '2026-12-31' }).own).toBeNull();
    expect(periodKeys({ start: '2026-11-01', end: '2027-01-31' }).own).toBeNull();
  });

  it('isPeriodKey: months, quarters and ISO weeks (week 53 only where a year has one)', () => {
    for (const k of ['2026-01', '2026-12', '2026-Q1', '2026-Q4', '2026-W01', '2026-W48', '2026-W53', '2020-W53']) expect(isPeriodKey(k), k).toBe(true);
    for (const k of ['2026-00', '2026-13', '2026-1', '2026-Q0', '2026-Q5', '2026-W00', '2026-W54', '2025-W53', '2026/11', ' 2026-11', '2026-11-01', 'W48']) expect(isPeriodKey(k), k).toBe(false);
  });
});

describe('metricsFor', () => {
  let db: Db;
  const ids: Record<string, number> = {};
  const value = (person: string, metric: string, period: string, v: number, source = 'crm', updatedAt = '2026-12-01T00:00:00.000Z') =>
    db.$client
      .prepare(`insert into metric_values (person_id, metric_key, period, value, source, revision, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)`)
      .run(ids[person], metric, period, v, source, updatedAt, updatedAt);

  beforeAll(() => {
    db = openDatabase(':memory:');
    const at = '2026-12-01T00:00:00.000Z';
    for (const [i, name] of ['li', 'han'].entries()) {
      ids[name] = Number(
        db.$client
          .prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?, ?)`)
          .run(`E${i}`, name, `${name}@example.com`, at, at).lastInsertRowid,
      );
    }
    for (const [key, aggregation] of [['signed_amount', 'sum'], ['satisfaction', 'mean'], ['task_completion_rate', 'last'], ['collection_rate', 'ratio'], ['major_incidents', 'sum'], ['delays', 'sum']]) {
      db.$client
        .prepare(`insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values (?, ?, ?, '', 'higher', ?, ?, ?)`)
        .run(key, key, key, aggregation, at, at);
    }
    value('li', 'signed_amount', '2026-W45', 10);
    value('li', 'signed_amount', '2026-W46', 20);
    value('li', 'satisfaction', '2026-W45', 4);
    value('li', 'satisfaction', '2026-W46', 5);
    value('li', 'task_completion_rate', '2026-W47', 0.9);
    value('li', 'task_completion_rate', '2026-W45', 0.8);
    value('li', 'task_completion_rate', '2026-W46', 0.7);
    value('li', 'collection_rate', '2026-W45', 0.6);
    value('li', 'collection_rate', '2026-W46', 0.8);
    // the month's own value wins over its weeks
    value('li', 'major_incidents', '2026-11', 2);
    value('li', 'major_incidents', '2026-W45', 5);
    // two sources for one period: the newest counts
    value('li', 'delays', '2026-11', 3, 'crm', '2026-12-01T00:00:00.000Z');
    value('li', 'delays', '2026-11', 1, 'jira', '2026-12-02T00:00:00.000Z');
    value('li', 'delays', '2026-10', 4, 'jira', '2026-11-02T00:00:00.000Z');
    value('li', 'delays', '2026-10', 6, 'crm', '2026-11-03T00:00:00.000Z');
    // a quarter from its months, never months and weeks together
    value('han', 'signed_amount', '2026-10', 100);
    value('han', 'signed_amount', '2026-11', 200);
    value('han', 'signed_amount', '2026-W45', 10);
    // outside the range
    value('han', 'satisfaction', '2026-09', 1);
  });
  afterAll(() => db.$client.close());

  it('aggregates the weeks of a month: sum, mean, last (the latest period), ratio as a mean', () => {
    const li = metricsFor(db, null, { start: '2026-11-01', end: '2026-11-30' }).get(ids.li)!;
    expect(li.signed_amount).toEqual({ value: 30, source: 'crm', sourceRef: null, fetchedAt: null, periods: ['2026-W45', '2026-W46'] });
    expect(li.satisfaction.value).toBe(4.5);
    expect(li.task_completion_rate.value).toBe(0.9);
    expect(li.collection_rate.value).toBeCloseTo(0.7, 10);
  });

  it('the period’s own key wins over finer periods', () => {
    const li = metricsFor(db, null, { start: '2026-11-01', end: '2026-11-30' }).get(ids.li)!;
    expect(li.major_incidents).toEqual({ value: 2, source: 'crm', sourceRef: null, fetchedAt: null, periods: ['2026-11'] });
  });

  it('across sources the newest value wins, per period', () => {
    const nov = metricsFor(db, null, { start: '2026-11-01', end: '2026-11-30' }).get(ids.li)!;
    expect(nov.delays).toMatchObject({ value: 1, source: 'jira' });
    const q4 = metricsFor(db, null, { start: '2026-10-01', end: '2026-12-31' }).get(ids.li)!;
    // October: crm (6) is newer than jira (4); November: jira (1) — summed over the quarter's months
    expect(q4.delays).toMatchObject({ value: 7, source: 'crm, jira', periods: ['2026-10', '2026-11'] });
  });

  it('a quarter is made of its months, not its months and weeks; only the people asked for; nothing outside the range', () => {
    const q4 = metricsFor(db, [ids.han], { start: '2026-10-01', end: '2026-12-31' });
    expect([...q4.keys()]).toEqual([ids.han]);
    expect(q4.get(ids.han)).toEqual({ signed_amount: { value: 300, source: 'crm', sourceRef: null, fetchedAt: null, periods: ['2026-10', '2026-11'] } });
  });
});

describe('demo metrics', () => {
  const people = [
    { email: 'head@x', jobFunction: 'sales', role: 'manager' },
    { email: 's1@x', jobFunction: 'sales', role: 'employee' },
    { email: 's2@x', jobFunction: 'sales', role: 'employee' },
    { email: 'r1@x', jobFunction: 'rnd', role: 'employee' },
    { email: 'r2@x', jobFunction: 'rnd', role: 'employee' },
    { email: 'c1@x', jobFunction: 'support', role: 'employee' },
    { email: 'h1@x', jobFunction: 'hr', role: 'hr' },
  ];

  it('are deterministic, plausible, and make the source case’s rules bite', () => {
    const records = buildDemoMetrics(people, ['2026-10', '2026-11']);
    expect(buildDemoMetrics(people, ['2026-10', '2026-11'])).toEqual(records);
    const of = (email: string, metric: string) => records.filter((r) => r.email === email && r.metric === metric).map((r) => r.value);
    expect(of('s1@x', 'collection_rate')).toEqual([0.72, 0.72]);
    expect(of('r1@x', 'major_incidents')).toEqual([3, 3]);
    expect(of('s2@x', 'collection_rate').every((v) => v >= 0.8 && v <= 1)).toBe(true);
    expect(of('r2@x', 'major_incidents').every((v) => v <= 1)).toBe(true);
    expect(records.some((r) => r.email === 'h1@x')).toBe(false);
    const defined = new Set(DEMO_METRIC_DEFINITIONS.map((d) => d.key));
    for (const r of records) {
      expect(defined.has(r.metric), r.metric).toBe(true);
      expect(Number.isFinite(r.value) && isPeriodKey(r.period)).toBe(true);
    }
    for (const d of DEMO_METRIC_DEFINITIONS) expect(metricKeyProblem(d.key), d.key).toBeNull();
  });

  it('load with the demo company, once: a second load changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-demo-metrics-'));
    const db = openDatabase(join(dir, 'perf.db'));
    try {
      const now = () => new Date('2026-12-01T01:00:00Z'); // 09:00 on 1 December in Shanghai
      importPeople({ db, now, defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' } }, buildDemoCompanyCsv());
      const first = loadDemoMetrics({ db, now }, 'Asia/Shanghai');
      expect(first.defined).toBe(DEMO_METRIC_DEFINITIONS.length);
      expect(first.created).toBeGreaterThan(300);
      expect(db.$client.prepare('select distinct period from metric_values order by period').pluck().all()).toEqual(['2026-11', '2026-12']);
      const second = loadDemoMetrics({ db, now }, 'Asia/Shanghai');
      expect(second).toEqual({ defined: 0, accepted: first.accepted, created: 0, revised: 0, unchanged: first.accepted });
      expect(db.$client.prepare(`select count(*) from metric_values where source != 'demo'`).pluck().get()).toBe(0);
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
