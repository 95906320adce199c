/**
 * Jira Cloud into the metric store: signed webhooks (refused when the signature is wrong, a retry dropped, events
 * out of order), the nightly reconciliation through a fake search API filling a missed event, the people mapping
 * and its quarantine, a dry run, and a cap rule of the reviews firing from a webhook-fed metric.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverJira, FakeJira, jiraEvent, jiraIssue, signJira } from '../support/fakeJira';
import { TEAM_CSV, TestApp } from '../support/harness';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

const SECRET = 'jira-webhook-secret-0123456789';
let t: TestApp;
let jira: FakeJira;

const LI = { accountId: 'acc-lilei', emailAddress: 'li.lei@example.com', displayName: '李雷' };
/** Han's profile hides her e-mail: only the user-id map finds her. */
const HAN = { accountId: 'acc-han', emailAddress: null, displayName: '韩梅梅' };

async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.request(method, path, body);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
type MetricRow = { metric: string; value: number; source: string; sourceRef: string | null; fetchedAt: string | null; revision: number };
const metricsOf = async (email: string, period = '2026-11') => {
  const { status, body } = await call<{ metrics: MetricRow[] }>('GET', `/api/metrics?email=${email}&period=${period}`);
  expect(status).toBe(200);
  return Object.fromEntries(body.metrics.filter((m) => m.source === 'jira').map((m) => [m.metric, m]));
};
const count = (table: string) => t.sql<{ n: number }>(`select count(*) as n from ${table}`)[0].n;

const proj1 = jiraIssue({ id: '10001', key: 'PROJ-1', assignee: LI, status: 'done', created: '2026-11-02T09:00:00.000+0800', updated: '2026-11-18T10:00:00.000+0800', resolutiondate: '2026-11-18T10:00:00.000+0800', duedate: '2026-11-19' });

beforeAll(async () => {
  jira = await new FakeJira().start();
  t = await TestApp.start({ env: { JIRA_WEBHOOK_SECRET: SECRET, JIRA_BASE_URL: jira.url, JIRA_EMAIL: jira.email, JIRA_API_TOKEN: jira.apiToken } });
  expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
});
afterAll(async () => {
  await t?.destroy();
  await jira?.stop();
});

describe('POST /integrations/jira/webhook', () => {
  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const body = jiraEvent('jira:issue_created', proj1);
    const forged = await deliverJira(t.url, SECRET, body, 'delivery-forged', { signature: signJira('another-secret', JSON.stringify(body)) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'bad_signature' } });
    const raw = JSON.stringify(body);
    const missing = await fetch(`${t.url}/integrations/jira/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-atlassian-webhook-identifier': 'delivery-unsigned' }, body: raw });
    expect(missing.status).toBe(401);
    // signed over other bytes than those sent (a re-serialised body) is as wrong as no signature
    const reordered = await deliverJira(t.url, SECRET, body, 'delivery-reordered', { signature: signJira(SECRET, `${raw} `) });
    expect(reordered.status).toBe(401);
    expect(count('integration_events')).toBe(0);
    expect(count('integration_records')).toBe(0);
    expect(count('metric_values')).toBe(0);
  });

  it('stores a signed delivery; the values are readable at GET /api/metrics within a second, with source, reference and fetch time', async () => {
    const res = await deliverJira(t.url, SECRET, jiraEvent('jira:issue_created', proj1), 'delivery-1');
    expect(res.status).toBe(200);
    const answered = Date.now();
    const m = await metricsOf('li.lei@example.com');
    expect(Date.now() - answered).toBeLessThan(1000);
    expect(m.tasks_completed).toMatchObject({ value: 1, source: 'jira', sourceRef: 'jira:PROJ-1', fetchedAt: '2026-11-20T00:00:00.000Z' });
    expect(m.task_completion_rate).toMatchObject({ value: 1 });
    expect(m.delays).toMatchObject({ value: 0 });
  });

  it('drops a retry of the same delivery: 200, nothing doubled', async () => {
    const before = { values: count('metric_values'), revisions: count('metric_revisions'), events: count('integration_events') };
    const retry = await deliverJira(t.url, SECRET, jiraEvent('jira:issue_created', proj1), 'delivery-1', { retry: 1 });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'duplicate' });
    expect({ values: count('metric_values'), revisions: count('metric_revisions'), events: count('integration_events') }).toEqual(before);
    expect((await metricsOf('li.lei@example.com')).tasks_completed.value).toBe(1);
  });

  it('keeps the newest state when events arrive out of order (by the issue’s updated time)', async () => {
    const newer = jiraIssue({ id: '10002', key: 'PROJ-2', assignee: LI, status: 'done', created: '2026-11-03T09:00:00.000+0800', updated: '2026-11-19T18:00:00.000+0800', resolutiondate: '2026-11-19T18:00:00.000+0800', duedate: '2026-11-15' });
    const older = jiraIssue({ id: '10002', key: 'PROJ-2', assignee: LI, status: 'indeterminate', created: '2026-11-03T09:00:00.000+0800', updated: '2026-11-12T11:00:00.000+0800', duedate: '2026-11-15' });
    expect((await deliverJira(t.url, SECRET, jiraEvent('jira:issue_updated', newer, [{ field: 'status', from: '3', to: '10001' }]), 'delivery-2b')).status).toBe(200);
    const late = await deliverJira(t.url, SECRET, jiraEvent('jira:issue_updated', older, [{ field: 'status', from: '1', to: '3' }]), 'delivery-2a');
    expect(await late.json()).toMatchObject({ status: 'stored', stale: true });
    const m = await metricsOf('li.lei@example.com');
    expect(m.tasks_completed.value).toBe(2);
    // PROJ-2 was due on the 15th and done on the 19th: one delay, half on time
    expect(m.delays).toMatchObject({ value: 1, sourceRef: 'jira:PROJ-2' });
    expect(m.task_completion_rate.value).toBe(0.5);
  });

  it('quarantines an assignee nobody can map, with the reason', async () => {
    const hidden = jiraIssue({ id: '10003', key: 'PROJ-3', assignee: HAN, status: 'new', created: '2026-11-16T09:00:00.000+0800', updated: '2026-11-16T09:00:00.000+0800', issuetype: 'Incident' });
    expect((await deliverJira(t.url, SECRET, jiraEvent('jira:issue_created', hidden), 'delivery-3')).status).toBe(200);
    // another update of the same issue: still one entry for it (refreshed, not repeated)
    const again = jiraIssue({ id: '10003', key: 'PROJ-3', assignee: HAN, status: 'indeterminate', created: '2026-11-16T09:00:00.000+0800', updated: '2026-11-16T10:00:00.000+0800', issuetype: 'Incident' });
    expect((await deliverJira(t.url, SECRET, jiraEvent('jira:issue_updated', again), 'delivery-3b')).status).toBe(200);
    const { body } = await call<{ quarantine: { connector: string; ref: string; reason: string }[] }>('GET', '/api/integrations/quarantine?connector=jira');
    expect(body.quarantine).toEqual([expect.objectContaining({ connector: 'jira', ref: 'PROJ-3', reason: expect.stringContaining('acc-han') })]);
  });
});

describe('the nightly reconciliation through the search API', () => {
  it('fills a missed event, and picks up a person mapped since; a dry run shows it first and writes nothing', async () => {
    // Jira's current state: PROJ-1 and PROJ-2 as delivered, PROJ-3 meanwhile done, and PROJ-5 whose events never came
    jira.issues = [
      proj1,
      jiraIssue({ id: '10002', key: 'PROJ-2', assignee: LI, status: 'done', created: '2026-11-03T09:00:00.000+0800', updated: '2026-11-19T18:00:00.000+0800', resolutiondate: '2026-11-19T18:00:00.000+0800', duedate: '2026-11-15' }),
      jiraIssue({ id: '10003', key: 'PROJ-3', assignee: HAN, status: 'done', created: '2026-11-16T09:00:00.000+0800', updated: '2026-11-19T09:00:00.000+0800', resolutiondate: '2026-11-19T09:00:00.000+0800', issuetype: 'Incident' }),
      jiraIssue({ id: '10005', key: 'PROJ-5', assignee: LI, status: 'done', created: '2026-11-05T09:00:00.000+0800', updated: '2026-11-19T20:00:00.000+0800', resolutiondate: '2026-11-19T20:00:00.000+0800', duedate: '2026-11-30' }),
    ];
    const saved = await call('PUT', '/api/integrations/jira', { userMap: [{ externalId: 'acc-han', email: 'han.meimei@example.com' }] });
    expect(saved.status).toBe(200);

    const values = count('metric_values');
    const dry = await call<{ status: string; changes: { email: string; metric: string; after: number }[]; rowsRead: number }>('POST', '/api/integrations/jira/run', { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'dry-run', rowsRead: 4 });
    expect(dry.body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'li.lei@example.com', metric: 'tasks_completed', after: 3 }), expect.objectContaining({ email: 'han.meimei@example.com', metric: 'major_incidents', after: 1 })]));
    expect(count('metric_values')).toBe(values);
    expect(count('integration_runs')).toBe(0);
    expect((await metricsOf('li.lei@example.com')).tasks_completed.value).toBe(2);

    const result = (await t.runJob('integrations-sync')) as { ran: { connector: string; status: string; rowsRead: number }[] };
    expect(result.ran).toEqual([expect.objectContaining({ connector: 'jira', status: 'ok', rowsRead: 4 })]);
    // it asked with a bounded JQL and named the fields (the default would be id only), paging by nextPageToken
    const search = jira.searches.slice(-2);
    expect(search[0]).toMatchObject({ jql: 'updated >= -2d ORDER BY updated ASC', fields: expect.arrayContaining(['assignee', 'status', 'duedate', 'resolutiondate', 'updated']) });
    expect(search[1].nextPageToken).toEqual(expect.any(String));
    const li = await metricsOf('li.lei@example.com');
    expect(li.tasks_completed).toMatchObject({ value: 3, sourceRef: 'jira:PROJ-1,PROJ-2,PROJ-5' });
    const han = await metricsOf('han.meimei@example.com');
    expect(han.major_incidents).toMatchObject({ value: 1, sourceRef: 'jira:PROJ-3' });
    expect(han.tasks_completed.value).toBe(1);
    // the raw record behind the reference is kept as Jira sent it
    const [kept] = t.sql<{ raw: string; data: string }>("select raw, data from integration_records where connector = 'jira' and ref = 'PROJ-5'");
    expect(JSON.parse(kept.raw)).toMatchObject({ key: 'PROJ-5', fields: { resolutiondate: '2026-11-19T20:00:00.000+0800' } });
    expect(JSON.parse(kept.data)).toMatchObject({ ref: 'PROJ-5', done: true, resolved: '2026-11-19' });

    // the same state again: nothing revised
    const revisions = count('metric_revisions');
    await t.runJob('integrations-sync');
    expect(count('metric_revisions')).toBe(revisions);
    const runs = await call<{ runs: { connector: string; trigger: string; status: string; rowsRead: number }[] }>('GET', '/api/integrations/runs?connector=jira');
    expect(runs.body.runs.map((r) => `${r.trigger}:${r.status}:${r.rowsRead}`)).toEqual(['manual:ok:4', 'manual:ok:4']);
  });

  it('records a failing search in the error log, keeping the secret out of it', async () => {
    const token = jira.apiToken;
    jira.apiToken = 'rotated';
    const result = (await t.runJob('integrations-sync')) as { ran: { status: string; error: string }[] };
    jira.apiToken = token;
    expect(result.ran[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('401') });
    expect(result.ran[0].error).not.toContain(token);
    const { body } = await call<{ connectors: { key: string; lastRun: { status: string }; secrets: Record<string, boolean> }[] }>('GET', '/api/integrations');
    const c = body.connectors.find((x) => x.key === 'jira')!;
    expect(c.lastRun.status).toBe('failed');
    expect(c.secrets).toEqual({ webhookSecret: true, apiToken: true });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(JSON.stringify(body)).not.toContain(token);
  });
});

describe('a cap rule fed by a webhook', () => {
  it('caps the grade of a person whose Jira incidents the webhook counted, and the draft says where the number came from', async () => {
    insertTemplates(t, DEFAULT_TEMPLATE, {
      name: '研发月度评估',
      jobFunction: 'rnd',
      sections: [{ title: '交付', weight: 100, items: [{ kind: 'goals', weight: 50 }, { kind: 'rating', label: '代码质量', weight: 50 }] }],
      rules: [{ when: 'major_incidents > 0', effect: 'cap', grade: 'C', reason: { 'zh-CN': '出现生产事故', en: 'a production incident' } }],
    });
    const incident = jiraIssue({ id: '10004', key: 'PROJ-4', assignee: LI, status: 'indeterminate', created: '2026-11-10T09:00:00.000+0800', updated: '2026-11-19T21:00:00.000+0800', issuetype: 'Bug', labels: ['production-incident'] });
    expect((await deliverJira(t.url, SECRET, jiraEvent('jira:issue_created', incident), 'delivery-4')).status).toBe(200);
    const cycle = await call<{ id: number }>('POST', '/api/review-cycles', { name: '2026-11', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    expect(cycle.status).toBe(201);
    expect((await t.request('POST', `/api/review-cycles/${cycle.body.id}/open`)).status).toBe(200);
    const [{ id }] = t.sql<{ id: number }>("select r.id from reviews r join people p on p.id = r.person_id where p.email = 'li.lei@example.com'");
    const { body } = await call<{ cap: string; rulesApplied: { effect: string; explanation: { en: string } }[]; metrics: { metric: string; value: number; source: string; sourceRef: string; fetchedAt: string }[] }>('GET', `/api/reviews/${id}`);
    expect(body.cap).toBe('C');
    expect(body.rulesApplied).toEqual(expect.arrayContaining([expect.objectContaining({ effect: 'cap', explanation: expect.objectContaining({ en: expect.stringContaining('a production incident') }) })]));
    expect(body.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ metric: 'major_incidents', value: 1, source: 'jira', sourceRef: 'jira:PROJ-4', fetchedAt: '2026-11-20T00:00:00.000Z' })]));
  });
  it('moves a key result bound to a Jira metric by itself when a webhook changes it: marked auto, no points', async () => {
    const goals = [
      'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days,metric',
      'LI-1,,individual,本月完成 10 个任务,li.lei@example.com,研发中心/后端组,个,0,10,1,2026-11-01,2026-11-30,7,tasks_completed',
    ].join('\n');
    expect((await t.request('POST', '/api/goals/import', goals, 'text/csv')).status).toBe(200);
    const goal = () => t.sql<{ id: number; current_value: number }>(`select id, current_value from goals where title = '本月完成 10 个任务'`)[0];
    const before = (await metricsOf('li.lei@example.com')).tasks_completed.value;
    expect(goal().current_value).toBe(before); // bound: it takes the stored figure at once
    const proj9 = jiraIssue({ id: '10009', key: 'PROJ-9', assignee: LI, status: 'done', created: '2026-11-03T09:00:00.000+0800', updated: '2026-11-21T10:00:00.000+0800', resolutiondate: '2026-11-21T10:00:00.000+0800', duedate: '2026-11-25' });
    expect((await deliverJira(t.url, SECRET, jiraEvent('jira:issue_updated', proj9), 'delivery-goal-9')).status).toBe(200);
    expect(goal().current_value).toBe(before + 1);
    expect(t.sql(`select value, auto, source from check_ins where goal_id = ? order by id desc limit 1`, goal().id)).toEqual([{ value: before + 1, auto: 1, source: 'jira' }]);
    expect(t.sql(`select count(*) as n from points_ledger where kind = 'checkin'`)).toEqual([{ n: 0 }]);
  });

  it('counts the tasks finished each ISO week too, and the standup prefill says so', async () => {
    const week = t.sql<{ period: string; value: number }>(`select period, value from metric_values where source = 'jira' and metric_key = 'tasks_completed' and period like '%-W%' and person_id = (select id from people where email = 'li.lei@example.com') order by period`);
    expect(week).toContainEqual({ period: '2026-W47', value: 4 }); // the four of his tasks finished 16–22 November
    // the month's figure is unchanged by the weekly rows: a month reads its own key
    expect((await metricsOf('li.lei@example.com')).tasks_completed.value).toBe(t.sql<{ value: number }>(`select value from metric_values where source = 'jira' and metric_key = 'tasks_completed' and period = '2026-11' and person_id = (select id from people where email = 'li.lei@example.com')`)[0].value);
    t.clock.set('2026-11-20T02:00:00Z'); // Friday of 2026-W47, 10:00 in Shanghai
    await t.runJob('standup-prompt');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toMatch(/本周系统记录：.*4.*jira/);
  });
});
