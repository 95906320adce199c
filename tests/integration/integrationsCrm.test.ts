/**
 * The CRM connector against a local Salesforce-like org (token endpoint, SOQL with paging, 401 on an expired token)
 * and a generic REST JSON source: per-owner sales figures, the token expiring mid-run, unknown owners quarantined,
 * a record that would distort a figure refusing the run, and secrets that never come back.
 */
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSalesforce } from '../support/fakeSalesforce';
import { TEAM_CSV, TestApp } from '../support/harness';
import { closeNow, listenOnLoopback } from '../support/loopback';

let t: TestApp;
let sf: FakeSalesforce;

async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.request(method, path, body);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
const crmMetrics = async (email: string, period = '2026-11') => {
  const { body } = await call<{ metrics: { metric: string; value: number; source: string; sourceRef: string | null }[] }>('GET', `/api/metrics?email=${email}&period=${period}`);
  return Object.fromEntries(body.metrics.filter((m) => m.source === 'crm').map((m) => [m.metric, m]));
};
const count = (table: string) => t.sql<{ n: number }>(`select count(*) as n from ${table}`)[0].n;
const deal = (id: string, owner: string, amount: number | null, close: string, account: string, collected?: number) => ({
  Id: id,
  Amount: amount,
  CloseDate: close,
  IsWon: true,
  AccountId: account,
  OwnerId: `005${owner.slice(0, 6)}`,
  Owner: { attributes: { type: 'User' }, Email: owner },
  Collected__c: collected ?? null,
});

beforeAll(async () => {
  sf = await new FakeSalesforce().start();
  t = await TestApp.start({ env: { CRM_BASE_URL: sf.url, CRM_CLIENT_ID: sf.clientId, CRM_CLIENT_SECRET: sf.clientSecret } });
  expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  sf.records = [
    deal('006A', 'li.lei@example.com', 100000, '2026-11-03', '001X', 100000),
    deal('006B', 'li.lei@example.com', 300000, '2026-11-12', '001Y', 150000),
    deal('006C', 'han.meimei@example.com', 200000, '2026-11-05', '001Z', 200000),
    deal('006D', 'ghost@example.com', 50000, '2026-11-06', '001Q'),
    deal('006E', 'wang.fang@example.com', 80000, '2026-10-28', '001R', 40000),
  ];
  // the org keeps collected amounts in a custom field
  expect((await call('PUT', '/api/integrations/crm', { settings: { fields: { collected: 'Collected__c' } } })).status).toBe(200);
});
afterAll(async () => {
  await t?.destroy();
  await sf?.stop();
});

describe('CRM nightly (Salesforce-compatible)', () => {
  it('runs from integrations-sync: client-credentials token, SOQL, every nextRecordsUrl page; a token expiring mid-run is replaced once and the run goes on', async () => {
    sf.expireTokenAfter(1); // the first page is served, the second gets 401 INVALID_SESSION_ID
    const result = (await t.runJob('integrations-sync')) as { ran: { connector: string; status: string; rowsRead: number; quarantined: number; notes: { pages: number; tokenRefreshes: number } }[] };
    expect(result.ran).toEqual([expect.objectContaining({ connector: 'crm', status: 'ok', rowsRead: 5, quarantined: 1, notes: expect.objectContaining({ pages: 3, tokenRefreshes: 1 }) })]);
    expect(sf.tokenRequests).toHaveLength(2);
    expect(sf.tokenRequests[0]).toEqual({ grant_type: 'client_credentials', client_id: sf.clientId, client_secret: sf.clientSecret });
    expect(sf.calls.map((c) => c.status)).toEqual([200, 401, 200, 200]);
    expect(sf.queries[0]).toContain('CloseDate >= 2026-10-01 AND CloseDate <= 2026-11-30');

    const li = await crmMetrics('li.lei@example.com');
    expect(li.signed_amount).toMatchObject({ value: 400000, sourceRef: 'crm:006A,006B' });
    expect(li.customers.value).toBe(2);
    expect(li.avg_deal_size.value).toBe(200000);
    expect(li.deal_size_swing.value).toBe(0.5); // σ 100,000 / mean 200,000
    expect(li.collection_rate.value).toBe(0.625);
    expect((await crmMetrics('wang.fang@example.com', '2026-10')).signed_amount.value).toBe(80000);
    const q = await call<{ quarantine: { ref: string; reason: string }[] }>('GET', '/api/integrations/quarantine?connector=crm');
    expect(q.body.quarantine).toEqual([expect.objectContaining({ ref: '006D', reason: 'unknown person: id 005ghost@, e-mail ghost@example.com' })]);
  });

  it('refuses the whole run when a record would distort a figure, keeping it in quarantine; nothing written', async () => {
    sf.records.push(deal('006F', 'li.lei@example.com', null, '2026-11-15', '001W'));
    const values = t.sql('select id, value, revision from metric_values order by id');
    const report = await call<{ status: string; error: string }>('POST', '/api/integrations/crm/run', {});
    expect(report.body).toMatchObject({ status: 'refused', error: '1 record(s) would distort the sales figures' });
    expect(t.sql('select id, value, revision from metric_values order by id')).toEqual(values);
    const q = await call<{ quarantine: { ref: string; reason: string }[] }>('GET', '/api/integrations/quarantine?connector=crm');
    expect(q.body.quarantine).toEqual(expect.arrayContaining([expect.objectContaining({ ref: '006F', reason: 'amount "null" at Amount is not a number' })]));
    sf.records.pop();
  });

  it('a dry run shows what a run would change and writes nothing', async () => {
    sf.records[0].Amount = 160000;
    const before = { values: count('metric_values'), revisions: count('metric_revisions'), runs: count('integration_runs') };
    const dry = await call<{ status: string; changes: { email: string; metric: string; before: number; after: number }[] }>('POST', '/api/integrations/crm/run', { dryRun: true });
    expect(dry.body).toMatchObject({ status: 'dry-run' });
    expect(dry.body.changes).toEqual(expect.arrayContaining([{ email: 'li.lei@example.com', metric: 'signed_amount', period: '2026-11', before: 400000, after: 460000, ref: 'crm:006A,006B' }]));
    expect({ values: count('metric_values'), revisions: count('metric_revisions'), runs: count('integration_runs') }).toEqual(before);
    sf.records[0].Amount = 100000;
  });

  it('a wrong client secret fails the run with the reason in the error log, and no secret is ever returned', async () => {
    expect((await call('PUT', '/api/integrations/crm', { secrets: { clientSecret: 'not-the-secret' } })).status).toBe(200);
    const report = await call<{ status: string; error: string }>('POST', '/api/integrations/crm/run', {});
    expect(report.body).toMatchObject({ status: 'failed', error: 'CRM token request refused (400 invalid_client)' });
    const list = await call<{ connectors: { key: string; secrets: Record<string, boolean>; lastRun: { status: string; error: string } }[] }>('GET', '/api/integrations');
    const crm = list.body.connectors.find((c) => c.key === 'crm')!;
    expect(crm.secrets).toEqual({ clientSecret: true, restToken: false });
    expect(crm.lastRun).toMatchObject({ status: 'failed', error: 'CRM token request refused (400 invalid_client)' });
    expect(JSON.stringify(list.body)).not.toContain('not-the-secret');
    expect(JSON.stringify(list.body)).not.toContain(sf.clientSecret);
    const audit = t.sql<{ after: string }>("select after from audit_log where action = 'integration.configure' order by id desc limit 1");
    expect(audit[0].after).toContain('clientSecret');
    expect(audit[0].after).not.toContain('not-the-secret');
    // an HR member reads the connectors but may not change them
    const hrRes = await call('PUT', '/api/integrations/crm', { settings: { unknown: 1 } });
    expect(hrRes.status).toBe(400);
  });
});

describe('a generic REST JSON source (纷享销客, 销售易…)', () => {
  let server: Server;
  const seen: { auth: string | undefined; cursor: unknown }[] = [];
  beforeAll(async () => {
    const app = express();
    const items = [
      { id: 'fx-1', owner: { email: 'kevin.li@example.com' }, amount: '120000', signed_on: '2026-11-09', customer_id: 'c-1', received: 120000 },
      { id: 'fx-2', owner: { email: 'kevin.li@example.com' }, amount: 80000, signed_on: '2026-11-17', customer_id: 'c-1', received: 0 },
      { id: 'fx-3', owner: { email: 'kevin.li@example.com' }, amount: 10000, signed_on: '2026-09-01', customer_id: 'c-2', received: 0 },
    ];
    app.get('/api/deals', (req, res) => {
      seen.push({ auth: req.get('authorization'), cursor: req.query.cursor });
      if (req.get('authorization') !== 'Bearer fx-token') return void res.status(401).json({ errorCode: 401 });
      const at = Number(req.query.cursor ?? 0);
      res.json({ errorCode: 0, data: { items: items.slice(at, at + 2), next_cursor: at + 2 < items.length ? at + 2 : null } });
    });
    ({ server } = await (async () => {
      const l = await listenOnLoopback(app);
      await call('PUT', '/api/integrations/crm', {
        settings: { kind: 'rest', restUrl: `${l.url}/api/deals`, recordsPath: 'data.items', nextPath: 'data.next_cursor', cursorParam: 'cursor', fields: { id: 'id', ownerEmail: 'owner.email', ownerId: '', amount: 'amount', closeDate: 'signed_on', won: '', customer: 'customer_id', collected: 'received' } },
        secrets: { restToken: 'fx-token' },
      });
      return l;
    })());
  });
  afterAll(() => closeNow(server));

  it('reads every page through the configured paths, without code', async () => {
    const report = await call<{ status: string; rowsRead: number }>('POST', '/api/integrations/crm/run', {});
    expect(report.body).toMatchObject({ status: 'ok', rowsRead: 3 });
    expect(seen.map((s) => s.cursor)).toEqual([undefined, '2']);
    const kevin = await crmMetrics('kevin.li@example.com');
    expect(kevin.signed_amount).toMatchObject({ value: 200000, sourceRef: 'crm:fx-1,fx-2' });
    expect(kevin.customers.value).toBe(1);
    expect(kevin.collection_rate.value).toBe(0.6);
  });
});
