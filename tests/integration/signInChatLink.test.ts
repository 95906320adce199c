import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TEAM_CSV, TestApp } from '../support/harness';

const LI = 'li.lei@example.com';
const deliveriesTo = (t: TestApp, email: string) =>
  t.sql<{ n: number }>(`select count(*) as n from deliveries d join people p on p.id = d.person_id where p.email = ?`, email)[0].n;

describe('sign-in with a one-time link sent in chat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  });
  afterAll(async () => t.destroy());

  const ask = (email: string) => fetch(`${t.url}/api/auth/chat-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  const open = (link: string) => fetch(link.replace(/^https?:\/\/[^/]+/, t.url), { redirect: 'manual' });

  it('answers 202 {"sent":true} for anyone, and only an active person gets a link', async () => {
    const before = t.sql<{ n: number }>('select count(*) as n from deliveries')[0].n;
    for (const email of ['nobody@example.com', 'not-an-email', LI]) {
      const res = await ask(email);
      expect(res.status, email).toBe(202);
      expect(await res.json()).toEqual({ sent: true });
    }
    await t.app.dispatcher.drain();
    expect(t.sql<{ n: number }>('select count(*) as n from deliveries')[0].n).toBe(before + 1);
    const link = await t.lastLink(LI);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/auth\/link\?token=[\w-]{40,}$/);
    // Only a hash of the token is stored.
    const token = new URL(link!).searchParams.get('token')!;
    expect(t.sql<{ n: number }>(`select count(*) as n from login_links where token_hash = ?`, token)[0].n).toBe(0);
  });

  it('signs in once: 302 to the landing page with the session cookie; a second use gets a page and no session', async () => {
    await ask(LI);
    const link = (await t.lastLink(LI))!;
    const first = await open(link);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/#/me');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/perf_session=[^;]+;.*HttpOnly/i);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    const body = (await me.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ email: LI, name: '李雷', role: 'employee', landing: 'me', isManager: false });
    expect(body.csrfToken).toBeTruthy();

    const again = await open(link);
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('data-problem="used"');
  });

  it('refuses an expired link (15 minutes) and an unknown one', async () => {
    await ask('han.meimei@example.com');
    const link = (await t.lastLink('han.meimei@example.com'))!;
    t.clock.advance(15 * 60_000 + 1000);
    const late = await open(link);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('data-problem="expired"');
    const unknown = await fetch(`${t.url}/auth/link?token=not-a-real-token`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const bare = await fetch(`${t.url}/auth/link`, { redirect: 'manual' });
    expect(bare.status).toBe(404);
  });

  it('lands each role on its page: a manager on My team', async () => {
    await ask('wang.fang@example.com');
    const res = await open((await t.lastLink('wang.fang@example.com'))!);
    expect(res.headers.get('location')).toBe('/#/team');
  });

  it('answers the chat command 登录 / login with a working link', async () => {
    await t.say(LI, '登录');
    const link = (await t.lastLink(LI))!;
    expect((await open(link)).status).toBe(302);
    await t.say('kevin.li@example.com', 'login');
    const messages = await t.botMessages('kevin.li@example.com'); // read by the admin: links are shown to admins
    expect(messages.at(-1)!.text).toContain('/auth/link?token=');
    expect(messages.at(-1)!.text).toMatch(/valid 15 minutes/);
  });

  it('hides links in a transcript from HR and managers reading along', async () => {
    const hr = await t.signInAs('hr.zhao@example.com').catch(() => undefined);
    expect(hr).toBeUndefined(); // not in the team: no such person
    const manager = await t.signInAs('wang.fang@example.com');
    const { body } = await manager.json<{ messages: { text: string; redacted?: boolean }[] }>('GET', `/api/local/messages?employee=${LI}`);
    const links = body.messages.filter((m) => m.redacted);
    expect(links.length).toBeGreaterThan(0);
    expect(body.messages.some((m) => m.text.includes('token='))).toBe(false);
  });
});

describe('sessions end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.importPeople(TEAM_CSV.replace('wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager', 'wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,hr'));
  });
  afterAll(async () => t.destroy());

  it('when the person is deactivated, and they get no new link', async () => {
    const li = await t.signInAs(LI);
    expect((await li.request('GET', '/api/auth/me')).status).toBe(200);
    t.sql(`update people set active = 0 where email = ?`, LI);
    const res = await li.request('GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(t.sql<{ n: number }>(`select count(*) as n from sessions s join accounts a on a.id = s.account_id where a.email = ?`, LI)[0].n).toBe(0);
    const before = deliveriesTo(t, LI);
    await fetch(`${t.url}/api/auth/chat-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: LI }) });
    await t.app.dispatcher.drain();
    expect(deliveriesTo(t, LI)).toBe(before);
    t.sql(`update people set active = 1 where email = ?`, LI);
  });

  it('on "sign out everywhere"', async () => {
    const a = await t.signInAs('han.meimei@example.com');
    const b = await t.signInAs('han.meimei@example.com');
    const out = await a.json<{ ok: boolean; ended: number }>('POST', '/api/auth/logout-all');
    expect(out).toEqual({ status: 200, body: { ok: true, ended: 2 } });
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('when a password is set through a link: HR only, 12 characters at least, every other session ends', async () => {
    const hr = await t.signInAs('wang.fang@example.com');
    const other = await t.signInAs('wang.fang@example.com');
    const employee = await t.signInAs(LI);
    expect((await employee.json('POST', '/api/auth/password-link')).status).toBe(403);

    expect(await hr.json('POST', '/api/auth/password-link')).toEqual({ status: 202, body: { sent: true } });
    const link = (await t.lastLink('wang.fang@example.com'))!;
    expect(link).toContain('/#/set-password?token=');
    const token = new URL(link.replace('/#/', '/')).searchParams.get('token')!;
    const set = (password: string) => fetch(`${t.url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });

    const short = await set('short-pw-11');
    expect(short.status).toBe(400);
    expect((await hr.request('GET', '/api/auth/me')).status).toBe(200); // a refused password changes nothing

    const ok = await set('a-long-enough-password');
    expect(ok.status).toBe(200);
    const fresh = (ok.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: fresh } })).status).toBe(200);
    for (const old of [hr, other]) expect((await old.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await employee.request('GET', '/api/auth/me')).status).toBe(200); // someone else's sessions stay

    expect((await set('another-long-password')).status).toBe(410); // the link worked once
    const login = await t.login('wang.fang@example.com', 'a-long-enough-password');
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('hr');
  });

  it('when the first admin restarts with a new ADMIN_PASSWORD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-admin-'));
    const first = await TestApp.start({ dir });
    const cookie = first.cookie;
    await first.stop();
    const second = await TestApp.start({ dir, env: { ADMIN_PASSWORD: 'a-brand-new-admin-password' } });
    expect((await fetch(`${second.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect((await second.login(ADMIN.email, ADMIN.password)).status).toBe(401);
    expect((await second.login(ADMIN.email, 'a-brand-new-admin-password')).status).toBe(200);
    await second.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
