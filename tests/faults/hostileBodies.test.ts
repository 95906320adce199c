import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fakeSlack';
import { FakeWecom } from '../support/fakeWecom';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';
import { SLACK_SIGNING_SECRET } from '../support/slackTestApp';
import { WECOM, wecomEnv } from '../support/wecomHarness';
import { recordFault, scaled } from './record';

/**
 * Issue 14: oversized, malformed and hostile bodies on every public route that takes one, with Slack and WeCom both
 * on. Each must get a 4xx in the error shape, store nothing, and leave the server's memory bounded (the app runs in
 * this process, so its RSS is ours).
 */
const BIG = scaled(200, 24) * 1024 * 1024;
const TABLES = ['inbound_events', 'wecom_inbound', 'local_messages', 'deliveries', 'people', 'sessions', 'login_links', 'accounts', 'standup_answers', 'audit_log'];

interface Answer {
  status: number;
  body: string;
}

/** Sends `size` bytes of filler (declared or chunked) and stops writing as soon as the server answers. */
function sendBig(url: string, path: string, size: number, declared: boolean, contentType: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': contentType, 'x-slack-request-timestamp': Math.floor(Date.now() / 1000), 'x-slack-signature': 'v0=00' };
    if (declared) headers['content-length'] = size;
    const req = request(`${url}${path}`, { method: 'POST', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function send(url: string, path: string, body: string, contentType: string): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=00' }, body });
  return { status: res.status, body: await res.text() };
}

describe('hostile bodies on every public route', () => {
  const clock = new TestClock('2026-11-27T07:00:00Z');
  let slack: FakeSlack;
  let wecom: FakeWecom;
  let t: TestApp;
  beforeAll(async () => {
    slack = await FakeSlack.start({ now: () => clock.now().getTime() });
    wecom = await FakeWecom.start({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId, now: clock.now });
    t = await TestApp.start({ clock, env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET, ...wecomEnv(wecom) } });
  });
  afterAll(async () => {
    await t.destroy();
    await slack.close();
    await wecom.close();
  });

  const wecomQuery = () => `/wecom/callback?msg_signature=0000&timestamp=${Math.floor(Date.now() / 1000)}&nonce=n`;
  const xmlBomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>`;
  const routes: { route: string; path: () => string; type: string; bodies: string[] }[] = [
    { route: 'POST /slack/events', path: () => '/slack/events', type: 'application/json', bodies: ['{"type":', '{"type":"event_callback","event":{"type":"message","text":"\u0000\u0001"}}', 'payload=%7B%22type%22'] },
    { route: 'POST /wecom/callback', path: wecomQuery, type: 'text/xml', bodies: [xmlBomb, xxe, '<xml><Encrypt>', 'not xml at all \u0000'] },
    { route: 'POST /api/auth/login', path: () => '/api/auth/login', type: 'application/json', bodies: ['{"email":', `{"email":"a@example.com","password":"${'\u0000'.repeat(10)}"}`, '['.repeat(90_000), '{"email":"admin@example.com","password":"x","__proto__":{"admin":true}}'] },
    { route: 'POST /api/auth/chat-link', path: () => '/api/auth/chat-link', type: 'application/json', bodies: ['{', '{"email":"\u0000@example.com"}', '{"email":["a","b"]}'] },
    { route: 'POST /api/auth/password', path: () => '/api/auth/password', type: 'application/json', bodies: ['{"token":', '{"token":"x","password":"short"}', '{"token":"t","password":"long enough password","extra":1}'] },
    { route: 'POST /api/people/import (no session)', path: () => '/api/people/import', type: 'text/csv', bodies: ['employee_no,name\n=cmd|calc,x'] },
  ];

  it('answers each with a 4xx in the error shape, stores nothing, and keeps memory bounded', async () => {
    const count = () => Object.fromEntries(TABLES.map((name) => [name, t.sql<{ n: number }>(`select count(*) as n from ${name}`)[0].n]));
    const before = count();
    const rssBefore = process.memoryUsage().rss;
    let peakGrowth = 0;
    const problems: string[] = [];
    let runs = 0;
    const judge = (what: string, answer: Answer) => {
      runs++;
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().rss - rssBefore);
      let shaped = false;
      try {
        const code = (JSON.parse(answer.body) as { error?: { code?: unknown } }).error?.code;
        shaped = typeof code === 'string' && code.length > 0;
      } catch {
        shaped = false;
      }
      if (answer.status < 400 || answer.status >= 500 || !shaped) problems.push(`${what}: ${answer.status} ${answer.body.slice(0, 120)}`);
    };
    for (const r of routes) {
      for (const body of r.bodies) judge(`${r.route} ${JSON.stringify(body.slice(0, 30))}`, await send(t.url, r.path(), body, r.type));
      for (const declared of [true, false]) judge(`${r.route} ${BIG / 1024 / 1024} MB ${declared ? 'declared' : 'chunked'}`, await sendBig(t.url, r.path(), BIG, declared, r.type));
    }
    recordFault({ scenario: 'hostile bodies on every public route', scale: `${routes.length} routes, ${BIG / 1024 / 1024} MB bodies`, runs, lost: 0, doubled: 0 });
    expect(problems).toEqual([]);
    expect(count()).toEqual(before);
    expect(peakGrowth).toBeLessThan(128 * 1024 * 1024);
  }, 300_000);
});
