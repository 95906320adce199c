/**
 * TAPD webhooks as TAPD documents them: no signature, the subscription's `secret` echoed in the (form-encoded by
 * default, or JSON) body; `event_id` to dedupe; update events carrying only old values, so the new state is read
 * from a local fake of TAPD's open API that validates Basic auth and the query.
 */
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_CSV, TestApp } from '../support/harness';
import { closeNow, listenOnLoopback } from '../support/loopback';

const SECRET = 'tapd-secret-42';
const WORKSPACE = '51081496';
const STORY_ID = '1151081496001028684';
const BUG_ID = '1151081496001000077';
let t: TestApp;
let api: Server;
/** TAPD's current objects by id, as GET /stories and /bugs answer them. */
const objects = new Map<string, Record<string, unknown>>();
const apiCalls: string[] = [];

const post = (body: Record<string, string>, json = false) =>
  fetch(`${t.url}/integrations/tapd/webhook`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
const count = (table: string) => t.sql<{ n: number }>(`select count(*) as n from ${table}`)[0].n;
const tapdMetrics = (email: string) =>
  Object.fromEntries(t.sql<{ metric_key: string; value: number; source_ref: string }>("select v.metric_key, v.value, v.source_ref from metric_values v join people p on p.id = v.person_id where p.email = ? and v.period = '2026-11' and v.source = 'tapd'", email).map((r) => [r.metric_key, r]));

beforeAll(async () => {
  const app = express();
  for (const [path, kind] of [['/stories', 'Story'], ['/bugs', 'Bug']] as const) {
    app.get(path, (req, res) => {
      apiCalls.push(`${path}?${new URLSearchParams(req.query as Record<string, string>).toString()}`);
      if (req.get('authorization') !== `Basic ${Buffer.from('perf-bot:api-pass').toString('base64')}`) return void res.status(401).json({ status: 0, info: 'Unauthorized' });
      if (req.query.workspace_id !== WORKSPACE || !req.query.id) return void res.json({ status: 0, info: 'workspace_id and id are required' });
      const obj = objects.get(String(req.query.id));
      res.json({ status: 1, info: 'success', data: obj ? [{ [kind]: obj }] : [] });
    });
  }
  const l = await listenOnLoopback(app);
  api = l.server;
  t = await TestApp.start({ env: { TAPD_WEBHOOK_SECRET: SECRET, TAPD_API_BASE: l.url, TAPD_API_USER: 'perf-bot', TAPD_API_PASSWORD: 'api-pass' } });
  expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  expect((await t.request('PUT', '/api/integrations/tapd', { userMap: [{ externalId: 'lilei', email: 'li.lei@example.com' }] })).status).toBe(200);
});
afterAll(async () => {
  await t?.destroy();
  await closeNow(api);
});

describe('POST /integrations/tapd/webhook', () => {
  it('refuses a wrong or missing secret with 401, storing nothing', async () => {
    const body = { event: 'story::create', event_from: 'web', workspace_id: WORKSPACE, current_user: 'lilei', id: STORY_ID, created: '2026-11-10 09:00:00', event_id: 'ev-0', secret: 'guess' };
    expect((await post(body)).status).toBe(401);
    const { secret: _s, ...without } = body;
    expect((await post(without)).status).toBe(401);
    expect(count('integration_events') + count('integration_records')).toBe(0);
  });

  it('story::update carries only old values: the new state comes from the open API; a repeated event_id is dropped', async () => {
    objects.set(STORY_ID, { id: STORY_ID, workspace_id: WORKSPACE, name: '登录页改版', owner: 'lilei;', status: 'done', created: '2026-11-02 10:00:00', modified: '2026-11-18 17:00:00', completed: '2026-11-18 17:00:00', due: '2026-11-20' });
    const update = { event: 'story::update', event_from: 'web', workspace_id: WORKSPACE, current_user: 'lilei', id: STORY_ID, secret: SECRET, created: '2026-11-18 17:00:01', event_id: 'ev-1', old_status: 'developing', change_fields: 'status' };
    const res = await post(update);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'stored' });
    expect(apiCalls).toEqual([`/stories?workspace_id=${WORKSPACE}&id=${STORY_ID}`]);
    const m = tapdMetrics('li.lei@example.com');
    expect(m.tasks_completed).toMatchObject({ value: 1, source_ref: `tapd:story:${STORY_ID}` });
    expect(m.task_completion_rate.value).toBe(1);

    const values = t.sql('select * from metric_values order by id');
    const again = await post(update);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(t.sql('select * from metric_values order by id')).toEqual(values);
    expect(apiCalls).toHaveLength(1);
  });

  it('bug::create in a JSON body feeds the incidents by severity', async () => {
    objects.set(BUG_ID, { id: BUG_ID, workspace_id: WORKSPACE, title: '支付回调失败', current_owner: 'lilei;', reporter: 'qa', status: 'new', severity: 'fatal', priority_label: 'urgent', created: '2026-11-19 08:00:00', modified: '2026-11-19 08:00:00' });
    const res = await post({ event: 'bug::create', event_from: 'web', workspace_id: WORKSPACE, current_user: 'qa', id: BUG_ID, secret: SECRET, created: '2026-11-19 08:00:00', event_id: 'ev-2' }, true);
    expect(res.status).toBe(200);
    expect(tapdMetrics('li.lei@example.com').major_incidents).toMatchObject({ value: 1, source_ref: `tapd:bug:${BUG_ID}` });
  });
});
