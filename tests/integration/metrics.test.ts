/**
 * Issue 10: the metric catalogue and store, HR's corrections and the rating scale, through the real HTTP API on a
 * real SQLite file. Imports are all or nothing and idempotent per (source, person, metric, period); corrections
 * need a reason and are audited; reading a person's metrics follows the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E2,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'M2,陈销售,chen.sales@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E3,周一,zhou.yi@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
].join('\n');

type ErrorBody = { error: { code: string; message: string; details?: { index?: number; field?: string; message: string }[] } };
interface MetricRow {
  metric: string;
  label: { 'zh-CN': string; en: string };
  unit: string;
  period: string;
  value: number;
  source: string;
  sourceRef: string | null;
  revision: number;
  updatedAt: string;
}

const collectionRate = { key: 'collection_rate', label: { 'zh-CN': '回款完成率', en: 'collection rate' }, unit: '', direction: 'higher', aggregation: 'ratio' };
const incidents = { key: 'major_incidents', label: { 'zh-CN': '重大事故', en: 'major incidents' }, unit: '次', direction: 'lower', aggregation: 'sum' };

describe('metrics and the rating scale', () => {
  let t: TestApp;
  let hr: Client, manager: Client, employee: Client;
  const count = (table: string) => t.sql<{ n: number }>(`select count(*) as n from ${table}`)[0].n;

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-12-02T02:00:00Z') });
    expect((await t.importPeople(ORG)).status).toBe(200);
    [hr, manager, employee] = await Promise.all(['zhao.hr', 'wang.fang', 'li.lei'].map((n) => t.signInAs(`${n}@example.com`)));
  });
  afterAll(async () => t.destroy());

  it('defines metrics (HR), lists them for everyone, refuses a second key, a goal figure name and a rule word', async () => {
    expect(await hr.json('POST', '/api/metric-definitions', collectionRate)).toEqual({ status: 201, body: { key: 'collection_rate' } });
    expect((await t.request('POST', '/api/metric-definitions', incidents)).status).toBe(201);
    const again = await hr.json<ErrorBody>('POST', '/api/metric-definitions', collectionRate);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('metric_exists');
    for (const key of ['goal_attainment', 'points', 'max', 'and', 'Bad-Key', '1st']) {
      const res = await hr.json<ErrorBody>('POST', '/api/metric-definitions', { ...collectionRate, key });
      expect(res.status, key).toBe(400);
      expect(res.body.error.details![0].field, key).toBe('key');
    }
    expect((await hr.json<ErrorBody>('POST', '/api/metric-definitions', { ...incidents, key: 'x_y', extra: 1 })).status).toBe(400);
    expect((await employee.json('POST', '/api/metric-definitions', { ...incidents, key: 'delays' })).status).toBe(403);

    const list = await employee.json<{ definitions: unknown[] }>('GET', '/api/metric-definitions');
    expect(list.body.definitions).toEqual([
      { key: 'collection_rate', label: { 'zh-CN': '回款完成率', en: 'collection rate' }, unit: '', direction: 'higher', aggregation: 'ratio' },
      { key: 'major_incidents', label: { 'zh-CN': '重大事故', en: 'major incidents' }, unit: '次', direction: 'lower', aggregation: 'sum' },
    ]);
    expect(t.sql('select entity, entity_id as entityId, action from audit_log where entity = ?', 'metric_definition')).toEqual([
      { entity: 'metric_definition', entityId: 'collection_rate', action: 'metric.define' },
      { entity: 'metric_definition', entityId: 'major_incidents', action: 'metric.define' },
    ]);
  });

  it('imports, re-import revises (old value kept), the same value again is unchanged', async () => {
    const batch = {
      source: 'crm',
      records: [
        { email: 'zhou.yi@example.com', metric: 'collection_rate', period: '2026-11', value: 0.72, ref: 'crm-report-11' },
        { email: 'LI.LEI@example.com', metric: 'major_incidents', period: '2026-W48', value: 3 },
      ],
    };
    expect(await hr.json('POST', '/api/metrics', batch)).toEqual({ status: 200, body: { accepted: 2, created: 2, revised: 0, unchanged: 0 } });

    t.clock.advance(60_000);
    const revised = { source: 'crm', records: [{ ...batch.records[0], value: 0.78, ref: 'crm-report-11b' }, batch.records[1]] };
    expect((await hr.json('POST', '/api/metrics', revised)).body).toEqual({ accepted: 2, created: 0, revised: 1, unchanged: 1 });
    const [row] = t.sql<{ id: number; value: number; revision: number; source_ref: string }>(
      `select id, value, revision, source_ref from metric_values where metric_key = 'collection_rate'`,
    );
    expect(row).toMatchObject({ value: 0.78, revision: 2, source_ref: 'crm-report-11b' });
    expect(t.sql('select value_id as valueId, before, after, source, reason from metric_revisions')).toEqual([
      { valueId: row.id, before: 0.72, after: 0.78, source: 'crm', reason: null },
    ]);

    expect((await hr.json('POST', '/api/metrics', revised)).body).toEqual({ accepted: 2, created: 0, revised: 0, unchanged: 2 });
    expect(count('metric_revisions')).toBe(1);

    // Another source keeps its own value for the same person, metric and period.
    t.clock.advance(60_000);
    expect((await hr.json('POST', '/api/metrics', { source: 'finance', records: [batch.records[0]] })).body).toMatchObject({ created: 1 });
    expect(count('metric_values')).toBe(3);
  });

  it('refuses a whole batch with bad records, listing each by index and field, and stores nothing', async () => {
    const before = { values: count('metric_values'), audit: count('audit_log') };
    const res = await hr.json<ErrorBody>('POST', '/api/metrics', {
      source: 'jira',
      records: [
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-11', value: 1 }, // good
        { email: 'nobody@example.com', metric: 'major_incidents', period: '2026-11', value: 1 },
        { email: 'han.meimei@example.com', metric: 'no_such_metric', period: '2026-11', value: 1 },
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026/11', value: 1 },
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-W53', value: 1 }, // 2026 has 53 weeks
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2025-W53', value: 1 }, // 2025 has not
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-Q5', value: 1 },
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-10', value: '3' },
        { email: 'HAN.MEIMEI@example.com', metric: 'major_incidents', period: '2026-11', value: 2 }, // duplicate of 0
        { email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-12', value: 1, note: 'x' },
        'not a record',
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_records');
    expect(res.body.error.details!.map((d) => [d.index, d.field])).toEqual([
      [1, 'email'],
      [2, 'metric'],
      [3, 'period'],
      [5, 'period'],
      [6, 'period'],
      [7, 'value'],
      [8, 'record'],
      [9, 'record'],
      [10, 'record'],
    ]);
    expect(count('metric_values')).toBe(before.values);
    expect(count('audit_log')).toBe(before.audit);

    // A value beyond a double (1e999 parses to Infinity) is no finite number.
    const inf = await hr.request('POST', '/api/metrics', '{"source":"jira","records":[{"email":"han.meimei@example.com","metric":"major_incidents","period":"2026-11","value":1e999}]}');
    expect(inf.status).toBe(400);
    expect(((await inf.json()) as ErrorBody).error.details).toMatchObject([{ index: 0, field: 'value' }]);
    // The correction source is HR's own; the envelope is strict.
    expect((await hr.json<ErrorBody>('POST', '/api/metrics', { source: 'manual', records: [{ email: 'han.meimei@example.com', metric: 'major_incidents', period: '2026-11', value: 1 }] })).body.error.details).toEqual([
      expect.objectContaining({ field: 'source' }),
    ]);
    expect((await hr.json('POST', '/api/metrics', { source: 'jira', records: [] })).status).toBe(400);
    expect((await manager.json('POST', '/api/metrics', { source: 'jira', records: [] })).status).toBe(403);
    expect(count('metric_values')).toBe(before.values);
  });

  it('takes 10,000 records in one go', async () => {
    // 10,000 distinct months (834 years' worth) of one person's metric
    const records = Array.from({ length: 10_000 }, (_, i) => ({ email: 'han.meimei@example.com', metric: 'major_incidents', period: `${1200 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value: i % 4 }));
    const started = Date.now();
    const res = await hr.json('POST', '/api/metrics', { source: 'bulk', records });
    expect(res.body).toEqual({ accepted: 10_000, created: 10_000, revised: 0, unchanged: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    t.sql(`delete from metric_values where source = 'bulk'`);
  });

  it('a correction needs a reason; with one it is stored under "manual", revised later, and audited', async () => {
    const noReason = await hr.json<ErrorBody>('POST', '/api/metrics/correct', { email: 'zhou.yi@example.com', metric: 'collection_rate', period: '2026-11', value: 0.81 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('reason_required');
    expect((await hr.json<ErrorBody>('POST', '/api/metrics/correct', { email: 'zhou.yi@example.com', metric: 'collection_rate', period: '2026-11', value: 0.81, reason: '  ' })).body.error.code).toBe('reason_required');
    expect((await manager.json('POST', '/api/metrics/correct', { email: 'li.lei@example.com', metric: 'major_incidents', period: '2026-W48', value: 0, reason: 'x' })).status).toBe(403);
    expect((await hr.json('POST', '/api/metrics/correct', { email: 'nobody@example.com', metric: 'collection_rate', period: '2026-11', value: 1, reason: 'x' })).status).toBe(404);

    t.clock.advance(60_000);
    const first = await hr.json('POST', '/api/metrics/correct', { email: 'zhou.yi@example.com', metric: 'collection_rate', period: '2026-11', value: 0.81, reason: '财务补录一笔回款' });
    expect(first).toEqual({ status: 200, body: { metric: 'collection_rate', period: '2026-11', value: 0.81, revision: 1 } });
    t.clock.advance(60_000);
    const second = await hr.json('POST', '/api/metrics/correct', { email: 'zhou.yi@example.com', metric: 'collection_rate', period: '2026-11', value: 0.83, reason: '再次核对' });
    expect(second.body).toMatchObject({ value: 0.83, revision: 2 });

    const audits = t.sql<{ action: string; before: string; after: string; reason: string; actor: string }>(
      `select action, before, after, reason, actor from audit_log where action = 'metric.correct' order by id`,
    );
    expect(audits.map((a) => [JSON.parse(a.before).value, JSON.parse(a.before).source, JSON.parse(a.after).value, a.reason])).toEqual([
      [0.72, 'finance', 0.81, '财务补录一笔回款'], // the newest value before: the finance import (0.72) after crm's revision
      [0.81, 'manual', 0.83, '再次核对'],
    ]);
    expect(audits[0].actor).toMatch(/^account:\d+$/);
    expect(t.sql(`select before, after, source, reason from metric_revisions where source = 'manual'`)).toEqual([{ before: 0.81, after: 0.83, source: 'manual', reason: '再次核对' }]);
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('shows a person’s metrics to them, their manager chain and HR; another team gets 403', async () => {
    const own = await employee.json<{ metrics: MetricRow[] }>('GET', '/api/metrics?email=li.lei@example.com');
    expect(own.status).toBe(200);
    expect(own.body.metrics).toEqual([
      { metric: 'major_incidents', label: { 'zh-CN': '重大事故', en: 'major incidents' }, unit: '次', period: '2026-W48', value: 3, source: 'crm', sourceRef: null, fetchedAt: null, revision: 1, updatedAt: expect.any(String) },
    ]);
    expect((await employee.json<{ metrics: MetricRow[] }>('GET', '/api/metrics')).body).toEqual(own.body); // no e-mail: my own
    expect((await employee.json('GET', '/api/metrics?email=han.meimei@example.com')).status).toBe(403);
    expect((await employee.json('GET', '/api/metrics?email=zhou.yi@example.com')).status).toBe(403);
    expect((await employee.json('GET', '/api/metrics?email=nobody@example.com')).status).toBe(403); // no directory probing

    expect((await manager.json<{ metrics: MetricRow[] }>('GET', '/api/metrics?email=li.lei@example.com')).body).toEqual(own.body);
    expect((await manager.json('GET', '/api/metrics?email=zhou.yi@example.com')).status).toBe(403);

    const zhou = await hr.json<{ metrics: MetricRow[] }>('GET', '/api/metrics?email=zhou.yi@example.com&period=2026-11');
    expect(zhou.body.metrics.map((m) => [m.source, m.value, m.revision])).toEqual([
      ['manual', 0.83, 2],
      ['finance', 0.72, 1],
      ['crm', 0.78, 2],
    ]);
    expect((await hr.json<{ metrics: MetricRow[] }>('GET', '/api/metrics?email=zhou.yi@example.com&period=2026-10')).body.metrics).toEqual([]);
    expect((await hr.json('GET', '/api/metrics?email=zhou.yi@example.com&period=2026-13')).status).toBe(400);
    expect((await hr.json('GET', '/api/metrics?email=nobody@example.com')).status).toBe(404);
  });

  it('rating scale: the default until HR saves one; a valid one is audited and returned; an invalid one lists its problems', async () => {
    const initial = await employee.json<{ grades: { key: string; min: number }[] }>('GET', '/api/rating-scale');
    expect(initial.status).toBe(200);
    expect(initial.body.grades.map((g) => [g.key, g.min])).toEqual([['S', 90], ['A', 80], ['B', 65], ['C', 50], ['D', 0]]);
    expect(initial.body.grades[0]).toEqual({ key: 'S', label: { 'zh-CN': '卓越', en: 'Outstanding' }, min: 90 });

    const grades = [
      { key: 'A', label: { 'zh-CN': '优秀', en: 'Excellent' }, min: 85 },
      { key: 'B', label: { 'zh-CN': '良好', en: 'Good' }, min: 60 },
      { key: 'C', label: { 'zh-CN': '待改进', en: 'Improve' }, min: 0 },
    ];
    expect((await employee.json('PUT', '/api/rating-scale', { grades })).status).toBe(403);
    expect((await manager.json('PUT', '/api/rating-scale', { grades })).status).toBe(403);
    expect(await hr.json('PUT', '/api/rating-scale', { grades })).toEqual({ status: 200, body: { grades } });
    expect((await employee.json('GET', '/api/rating-scale')).body).toEqual({ grades });
    const [audit] = t.sql<{ before: string; after: string }>(`select before, after from audit_log where entity = 'rating_scale'`);
    expect(JSON.parse(audit.before)).toHaveLength(5);
    expect(JSON.parse(audit.after)).toEqual(grades);

    const bad = await hr.json<ErrorBody>('PUT', '/api/rating-scale', {
      grades: [
        { key: 'A', label: { 'zh-CN': '优秀', en: 'Excellent' }, min: 60 },
        { key: 'B', label: { 'zh-CN': '良好', en: 'Good' }, min: 70 },
        { key: 'B', label: { 'zh-CN': '良好', en: 'Good' }, min: 10 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_scale');
    expect(bad.body.error.details!.map((d) => d.message)).toEqual([
      'grade B must start below A (60)',
      'grade B appears twice',
      'the last grade (B) must start at 0',
    ]);
    expect((await hr.json<ErrorBody>('PUT', '/api/rating-scale', { grades: [{ key: 'A', label: { 'zh-CN': '优秀', en: 'x' }, min: 120 }] })).body.error.code).toBe('invalid_request');
    expect((await employee.json('GET', '/api/rating-scale')).body).toEqual({ grades });
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('the demo company', () => {
  it('starts with its metrics: a sales employee at 72% collection, an R&D employee with 3 major incidents', async () => {
    const t = await TestApp.start({ clock: new TestClock('2026-12-01T01:00:00Z'), env: { DEMO_DATA: 'on' } });
    try {
      const first = (fn: string) => t.sql<{ email: string }>(`select email from people where job_function = ? and role = 'employee' order by id limit 1`, fn)[0].email;
      const sales = await t.request('GET', `/api/metrics?email=${first('sales')}&period=2026-11`);
      expect(((await sales.json()) as { metrics: MetricRow[] }).metrics.find((m) => m.metric === 'collection_rate')).toMatchObject({ value: 0.72, source: 'demo', sourceRef: 'demo:2026-11' });
      const rnd = await t.request('GET', `/api/metrics?email=${first('rnd')}&period=2026-12`);
      expect(((await rnd.json()) as { metrics: MetricRow[] }).metrics.find((m) => m.metric === 'major_incidents')).toMatchObject({ value: 3, source: 'demo' });
      const defs = (await (await t.request('GET', '/api/metric-definitions')).json()) as { definitions: { key: string }[] };
      expect(defs.definitions.map((d) => d.key)).toEqual(expect.arrayContaining(['signed_amount', 'customers', 'collection_rate', 'task_completion_rate', 'delays', 'major_incidents', 'response_time_hours', 'satisfaction']));
    } finally {
      await t.destroy();
    }
  });
});
