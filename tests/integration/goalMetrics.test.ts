/**
 * Issue 12 item 7: a key result bound to a metric moves by itself when the metric store writes values for its owner
 * and period (imports and HR corrections, which the connectors call too): an "auto" check-in, no point; the owner's
 * own check-in (status, note, point) still works; the same import again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

const HEADER = 'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days,metric';
const tasksDone = { key: 'tasks_done', label: { 'zh-CN': '完成任务数', en: 'tasks completed' }, unit: '个', direction: 'higher', aggregation: 'sum' };

type ErrorBody = { error: { code: string; details?: { line?: number; field?: string; message: string }[] } };
interface CheckInRow { value: number; auto: number; source: string | null; checkpoint_id: number | null; note: string | null; person_id: number }

describe('goals driven by metrics', () => {
  let t: TestApp;
  const goal = (ref: string) => t.sql<{ id: number; current_value: number; updated_at: string; metric_key: string | null }>('select id, current_value, updated_at, metric_key from goals where ref = ?', ref)[0];
  const checkIns = (ref: string) =>
    t.sql<CheckInRow>('select c.value, c.auto, c.source, c.checkpoint_id, c.note, c.person_id from check_ins c join goals g on g.id = c.goal_id where g.ref = ? order by c.id', ref);
  const importMetrics = async (records: unknown[], source = 'jira') => (await t.request('POST', '/api/metrics', { source, records })).json();
  const points = () => t.sql<{ kind: string; amount: number }>('select kind, amount from points_ledger');

  beforeAll(async () => {
    // Monday 23 Nov 2026, 10:00 in Shanghai; the key result's next checkpoint is Thursday 26 Nov.
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
    expect((await t.request('POST', '/api/metric-definitions', tasksDone)).status).toBe(201);
  });
  afterAll(async () => t.destroy());

  it('refuses a binding to an unknown metric or on a goal that is not a key result, by line, storing nothing', async () => {
    const res = await t.request('POST', '/api/goals/import', [
      HEADER,
      'RD-1,,department,研发交付,wang.fang@example.com,研发中心,个,0,100,1,2026-10-01,2026-12-31,14,tasks_done',
      'RD-1-1,RD-1,individual,完成需求,li.lei@example.com,研发中心/后端组,个,0,20,1,2026-10-01,2026-12-31,14,no_such_metric',
    ].join('\n'), 'text/csv');
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details!.map((d) => [d.line, d.field])).toEqual([[2, 'metric'], [3, 'metric']]);
    expect(t.sql('select count(*) as n from goals')[0]).toEqual({ n: 0 });
  });

  it('moves a bound key result with each import, marked auto, without points; the same import again changes nothing', async () => {
    const imported = await t.request('POST', '/api/goals/import', [
      HEADER,
      'RD-1,,department,研发交付,wang.fang@example.com,研发中心,个,0,100,1,2026-10-01,2026-12-31,14,',
      'RD-1-1,RD-1,individual,完成需求,li.lei@example.com,研发中心/后端组,个,0,20,1,2026-10-01,2026-12-31,14,tasks_done',
      'RD-1-2,RD-1,individual,修复缺陷,han.meimei@example.com,研发中心/后端组,个,0,30,1,2026-10-01,2026-12-31,14,',
    ].join('\n'), 'text/csv');
    expect(await imported.json()).toEqual({ created: 3, updated: 0, total: 3 });
    expect(goal('RD-1-1')).toMatchObject({ current_value: 0, metric_key: 'tasks_done' });
    expect(checkIns('RD-1-1')).toEqual([]); // nothing stored for the metric yet

    expect(await importMetrics([{ email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-11', value: 8, ref: 'JQL-11' }])).toMatchObject({ created: 1 });
    const lilei = t.sql<{ id: number }>('select id from people where email = ?', 'li.lei@example.com')[0].id;
    expect(goal('RD-1-1').current_value).toBe(8);
    expect(checkIns('RD-1-1')).toEqual([{ value: 8, auto: 1, source: 'jira', checkpoint_id: null, note: null, person_id: lilei }]);
    expect(points()).toEqual([]);

    // the same batch again: unchanged in the store, so no check-in and no change to the goal
    const before = goal('RD-1-1');
    t.clock.advance(60_000);
    expect(await importMetrics([{ email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-11', value: 8, ref: 'JQL-11' }])).toMatchObject({ unchanged: 1, created: 0, revised: 0 });
    expect(goal('RD-1-1')).toEqual(before);
    expect(checkIns('RD-1-1')).toHaveLength(1);

    // another month of the goal's quarter adds up (sum); a month outside it moves nothing; nor does someone else's
    await importMetrics([
      { email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-10', value: 4 },
      { email: 'li.lei@example.com', metric: 'tasks_done', period: '2027-01', value: 50 },
      { email: 'han.meimei@example.com', metric: 'tasks_done', period: '2026-11', value: 6 },
    ]);
    expect(goal('RD-1-1').current_value).toBe(12);
    expect(checkIns('RD-1-1').map((c) => [c.value, c.auto])).toEqual([[8, 1], [12, 1]]);
    expect(goal('RD-1-2').current_value).toBe(0); // not bound
    expect(checkIns('RD-1-2')).toEqual([]);

    // HR's correction goes through the same hook, in its transaction
    const corrected = await t.request('POST', '/api/metrics/correct', { email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-11', value: 10, reason: 'Jira 重复统计了 2 个任务' });
    expect(corrected.status).toBe(200);
    expect(goal('RD-1-1').current_value).toBe(14);
    expect(checkIns('RD-1-1').at(-1)).toMatchObject({ value: 14, auto: 1, source: 'jira, manual' });
    expect(points()).toEqual([]);

    // the console's goal detail says which metric and which check-ins were automatic
    const detail = (await (await t.request('GET', `/api/goals/${goal('RD-1-1').id}`)).json()) as { goal: { metric: string; currentValue: number }; checkIns: { auto: boolean; value: number }[] };
    expect(detail.goal).toMatchObject({ metric: 'tasks_done', currentValue: 14 });
    expect(detail.checkIns.map((c) => [c.value, c.auto])).toEqual([[14, true], [12, true], [8, true]]);
  });

  it('keeps the owner’s own check-in: status and note in chat, the metric’s value, the point for the checkpoint', async () => {
    await t.say('li.lei@example.com', '目标');
    const list = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(list.text).toContain('1. 完成需求：14/20 个（70%）');
    expect(list.text).toContain('自动：跟随指标「完成任务数」，2026-11-23 更新为 14（来源：jira, manual）');

    await t.click('li.lei@example.com', list.buttons[0].actionId, list.buttons[0].value);
    const ask = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(ask.text).toContain('完成需求 的进度由指标「完成任务数」自动更新，当前 14/20 个（70%）');
    expect(ask.buttons.map((b) => b.value)).toEqual(['on_track', 'at_risk', 'off_track', 'done']);
    await t.click('li.lei@example.com', 'goal.status', 'on_track');
    await t.say('li.lei@example.com', '剩下 6 个需求排在下周');
    const done = (await t.botMessages('li.lei@example.com')).at(-1)!.text;
    expect(done).toContain('已更新 完成需求：14/20 个（70%），正常。');
    expect(done).toContain('按时更新，积分 +1');

    const own = checkIns('RD-1-1').at(-1)!;
    expect(own).toMatchObject({ value: 14, auto: 0, source: null, note: '剩下 6 个需求排在下周' });
    expect(own.checkpoint_id).not.toBeNull();
    expect(points()).toEqual([{ kind: 'checkin', amount: 1 }]);

    // through the API a value on a bound goal does not move it: only the metric store does
    const owner = await t.signInAs('li.lei@example.com');
    const api = await owner.json('POST', `/api/goals/${goal('RD-1-1').id}/check-ins`, { value: 99, status: 'at_risk', note: '评审卡住了' });
    expect(api.status).toBe(201);
    expect(goal('RD-1-1').current_value).toBe(14);
    // an unbound goal still needs its value
    const hm = await t.signInAs('han.meimei@example.com');
    const missing = await hm.json<ErrorBody>('POST', `/api/goals/${goal('RD-1-2').id}/check-ins`, { status: 'on_track' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_value');
  });

  it('binds an existing key result in the editor: it takes the stored figure at once; unbinding keeps the value', async () => {
    const id = goal('RD-1-2').id;
    const dept = await t.request('PATCH', `/api/goals/${goal('RD-1').id}`, { metric: 'tasks_done', reason: '按系统数据' });
    expect(dept.status).toBe(422);
    expect(goal('RD-1').metric_key).toBeNull();
    const unknown = await t.request('PATCH', `/api/goals/${id}`, { metric: 'nope', reason: '按系统数据' });
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('unknown_metric');

    const bound = await t.request('PATCH', `/api/goals/${id}`, { metric: 'tasks_done', reason: '按 Jira 数据自动更新' });
    expect(bound.status).toBe(200);
    expect(goal('RD-1-2')).toMatchObject({ metric_key: 'tasks_done', current_value: 6 });
    expect(checkIns('RD-1-2')).toMatchObject([{ value: 6, auto: 1, source: 'jira' }]);
    const revision = t.sql<{ changes: string; reason: string }>('select changes, reason from goal_revisions where goal_id = ? order by id desc limit 1', id)[0];
    expect(JSON.parse(revision.changes)).toEqual({ metricKey: [null, 'tasks_done'] });

    expect((await t.request('PATCH', `/api/goals/${id}`, { metric: null, reason: '改回手动' })).status).toBe(200);
    await importMetrics([{ email: 'han.meimei@example.com', metric: 'tasks_done', period: '2026-11', value: 9 }]);
    expect(goal('RD-1-2')).toMatchObject({ metric_key: null, current_value: 6 });
    expect(points()).toEqual([{ kind: 'checkin', amount: 1 }]);
  });
});
