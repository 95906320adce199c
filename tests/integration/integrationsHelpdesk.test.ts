/**
 * The helpdesk CSV (Zendesk's standard ticket export): a file with a bad line refused with its line numbers and
 * nothing written, accepted once fixed, imported again with no doubles; the inbox folder on the weekly schedule.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIntegrations } from '../../bot/services/integrations/syncIntegrations';
import { TEAM_CSV, TestApp } from '../support/harness';

/** Zendesk's export header, in order (fact sheet §6.1), then a custom field. */
const METRIC_COLUMNS = ['First reply time in minutes', 'First resolution time in minutes', 'Full resolution time in minutes', 'Agent wait time in minutes', 'Requester wait time in minutes', 'On hold time in minutes'];
const HEADER = [
  'Summation column', 'Id', 'Requester', 'Requester id', 'Requester external id', 'Requester email', 'Requester domain', 'Submitter', 'Assignee', 'Group', 'Subject', 'Tags', 'Status', 'Priority', 'Via', 'Ticket type',
  'Created at', 'Updated at', 'Assigned at', 'Organization', 'Due date', 'Initially assigned at', 'Solved at', 'Resolution time', 'Satisfaction Score', 'Group stations', 'Assignee stations', 'Reopens', 'Replies',
  ...METRIC_COLUMNS.flatMap((c) => [c, `${c} within business hours`]),
  'Ticket Category [list]',
];
const ticket = (id: number, assignee: string, created: string, firstReply: string, fullResolution: string, satisfaction: string) => {
  const row: Record<string, string> = Object.fromEntries(HEADER.map((h) => [h, '']));
  Object.assign(row, {
    'Summation column': '1', Id: String(id), Requester: 'Customer', 'Requester email': `c${id}@customer.example`, Submitter: 'Customer', Assignee: assignee, Group: 'Support', Subject: `Ticket ${id}`,
    Status: 'Closed', Priority: 'Normal', Via: 'Web form', 'Created at': created, 'Solved at': created, 'Satisfaction Score': satisfaction,
    'First reply time in minutes': firstReply, 'First reply time in minutes within business hours': firstReply, 'Full resolution time in minutes': fullResolution, Replies: '2',
  });
  return HEADER.map((h) => row[h]);
};
const csv = (rows: string[][]) => stringify([HEADER, ...rows]);

const GOOD = [
  ticket(101, '李雷', '2026-11-16 09:02', '30', '240', 'Good'),
  ticket(102, '李雷', '2026-11-17 10:00', '90', '600', 'Bad'),
  ticket(103, 'Kevin Li', '2026-11-18 11:30', '15', '', 'Not Offered'),
  ticket(104, 'Ghost Agent', '2026-11-18 12:00', '20', '100', 'Offered'),
];

let t: TestApp;
let inbox: string;
async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, type?: string): Promise<{ status: number; body: T }> {
  const res = await t.request(method, path, body, type);
  return { status: res.status, body: (await res.json()) as T };
}
const count = (table: string) => t.sql<{ n: number }>(`select count(*) as n from ${table}`)[0].n;
const helpdesk = (email: string, period: string) =>
  Object.fromEntries(t.sql<{ metric_key: string; value: number; source_ref: string }>("select v.metric_key, v.value, v.source_ref from metric_values v join people p on p.id = v.person_id where p.email = ? and v.period = ? and v.source = 'helpdesk'", email, period).map((r) => [r.metric_key, r]));

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'perf-inbox-'));
  t = await TestApp.start({ env: { INTEGRATIONS_INBOX_DIR: inbox } });
  expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
});
afterAll(() => t?.destroy());

describe('POST /api/integrations/helpdesk/import', () => {
  it('refuses a file with bad lines: 400 with each line number, nothing written', async () => {
    const bad = [...GOOD.slice(0, 2), ticket(105, '李雷', '2026-11-19 08:00', 'soon', '', 'Good'), GOOD[2], ticket(106, 'Kevin Li', 'yesterday', '10', '', 'Great')];
    const res = await call<{ error: { code: string; message: string; details: { line: number; field: string }[] } }>('POST', '/api/integrations/helpdesk/import', csv(bad), 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    expect(res.body.error.details.map((d) => `${d.line}:${d.field}`)).toEqual(['4:First reply time in minutes', '6:Created at', '6:Satisfaction Score']);
    expect(count('metric_values') + count('integration_files') + count('integration_quarantine')).toBe(0);
  });

  it('shows in a dry run what the fixed file would write, storing nothing', async () => {
    const stored = () => ['metric_values', 'integration_files', 'integration_quarantine', 'integration_runs', 'audit_log'].map(count);
    const before = stored();
    const res = await call<Record<string, unknown>>('POST', '/api/integrations/helpdesk/import?name=zendesk-2026-W47.csv&dryRun=1', csv(GOOD), 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 4, people: 2, metrics: 4, quarantined: 1, duplicate: false, dryRun: true });
    expect(stored()).toEqual(before);
  });

  it('accepts it once fixed: per-agent median first reply, median resolution and satisfaction for the ISO week; unknown agents quarantined', async () => {
    const res = await call<Record<string, unknown>>('POST', '/api/integrations/helpdesk/import?name=zendesk-2026-W47.csv', csv(GOOD), 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 4, people: 2, metrics: 4, quarantined: 1, duplicate: false });
    const li = helpdesk('li.lei@example.com', '2026-W47');
    expect(li.response_time_hours.value).toBe(1); // median of 30 and 90 minutes
    expect(li.resolution_time_hours.value).toBe(7); // median of 240 and 600 minutes
    expect(li.satisfaction.value).toBe(3); // Good 5, Bad 1
    expect(li.satisfaction.source_ref).toMatch(/^helpdesk:file:[0-9a-f]{12}:101,102$/);
    expect(helpdesk('kevin.li@example.com', '2026-W47')).toEqual({ response_time_hours: expect.objectContaining({ value: 0.25 }) });
    const q = await call<{ quarantine: { ref: string; reason: string }[] }>('GET', '/api/integrations/quarantine?connector=helpdesk');
    expect(q.body.quarantine).toEqual([expect.objectContaining({ ref: 'ticket:104', reason: 'unknown person: name Ghost Agent' })]);
  });

  it('imports the same file again with no doubles', async () => {
    const before = { values: t.sql('select * from metric_values order by id'), revisions: count('metric_revisions'), quarantine: count('integration_quarantine') };
    const res = await call<Record<string, unknown>>('POST', '/api/integrations/helpdesk/import', csv(GOOD), 'text/csv');
    expect(res.body).toMatchObject({ rows: 4, metrics: 0, duplicate: true });
    expect({ values: t.sql('select * from metric_values order by id'), revisions: count('metric_revisions'), quarantine: count('integration_quarantine') }).toEqual(before);
  });
});

describe('the inbox folder, weekly', () => {
  it('imports dropped files on Monday 09:00, moves them aside, refuses a bad one with its problems beside it, and writes nothing twice', async () => {
    writeFileSync(join(inbox, 'again.csv'), csv(GOOD)); // the uploaded file once more
    writeFileSync(join(inbox, 'next-week.csv'), csv([ticket(201, '李雷', '2026-11-23 09:30', '45', '', 'Good')]));
    writeFileSync(join(inbox, 'broken.csv'), csv([ticket(202, '李雷', 'not a date', '45', '', 'Good')]));
    const values = count('metric_values');
    // Friday: not due yet
    expect((await syncIntegrations(t.app.deps, { manual: false })).ran).toEqual([]);
    t.clock.set('2026-11-23T01:00:30Z'); // Monday 09:00 in Shanghai
    const { ran } = await syncIntegrations(t.app.deps, { manual: false });
    expect(ran).toEqual([expect.objectContaining({ connector: 'helpdesk', status: 'refused', rowsWritten: 2, error: expect.stringContaining('broken.csv') })]);
    expect(count('metric_values')).toBe(values + 2); // next week's first reply and satisfaction; nothing from the repeated file
    expect(helpdesk('li.lei@example.com', '2026-W48').response_time_hours.value).toBe(0.75);
    expect(readdirSync(inbox).filter((f) => f.endsWith('.csv'))).toEqual([]);
    expect(readdirSync(join(inbox, 'processed'))).toHaveLength(2);
    const refused = readdirSync(join(inbox, 'refused'));
    expect(refused.filter((f) => f.endsWith('.error.json'))).toHaveLength(1);
    expect(readFileSync(join(inbox, 'refused', refused.find((f) => f.endsWith('.error.json'))!), 'utf8')).toContain('"line": 2');
    // the same minute again: it ran for this Monday already
    expect((await syncIntegrations(t.app.deps, { manual: false })).ran).toEqual([]);
    mkdirSync(join(inbox, 'sub'), { recursive: true });
    expect(existsSync(join(inbox, 'sub'))).toBe(true); // folders in the inbox are left alone
    expect((await t.runJob('integrations-sync')) as { ran: unknown[] }).toMatchObject({ ran: [expect.objectContaining({ connector: 'helpdesk', status: 'ok', rowsRead: 0 })] });
  });
});
