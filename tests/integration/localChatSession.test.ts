import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TEAM_CSV, TestApp, type Client } from '../support/harness';

const LI = 'li.lei@example.com';
const HAN = 'han.meimei@example.com';

/**
 * The local chat's post checks the session inside the group commit that stores the message (admin/api/localChatRoutes.ts
 * post()). It must stay exactly as strict as every other signed-in route: a sign-out, an expiry, a deactivation or a
 * role change applies to the very next post, also when another process wrote it, and a refused post stores nothing.
 */
describe('the local chat post and its session', () => {
  let t: TestApp;
  /** Another connection to the same file: what another process or instance would write. */
  let other: Database.Database;

  const stored = () =>
    t.sql<{ m: number; e: number; d: number }>(
      'select (select count(*) from local_messages) as m, (select count(*) from inbound_events) as e, (select count(*) from deliveries) as d',
    )[0];
  const sessionsOf = (email: string) => t.sql<{ n: number }>('select count(*) as n from sessions s join accounts a on a.id = s.account_id where a.email = ?', email)[0].n;
  const post = (c: { cookie: string; csrf: string }, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${t.url}/api/local/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf, ...extra },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  async function refused(res: Response, status: number, code: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  }

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
    other = new Database(join(t.dir, 'perf.db'));
    other.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    other.close();
    await t.destroy();
  });

  it('takes a post with a live session and its CSRF token, and refuses a wrong token or none, storing nothing', async () => {
    const li = await t.signInAs(LI);
    expect(await (await post(li, { employee: LI, text: 'help' })).json()).toEqual({ ok: true, duplicate: false });
    const before = stored();
    await refused(await post({ cookie: li.cookie, csrf: 'not-the-token' }, { employee: LI, text: 'help' }), 403, 'csrf_failed');
    await refused(await post({ cookie: li.cookie, csrf: '' }, { employee: LI, text: 'help' }), 403, 'csrf_failed');
    expect(stored()).toEqual(before);
  });

  it('refuses a post without a session cookie before reading its body, and an unknown cookie, storing nothing', async () => {
    const before = stored();
    await refused(await post({ cookie: '', csrf: '' }, '{"employee":'), 401, 'unauthenticated');
    await refused(await post({ cookie: 'perf_session=made-up', csrf: 'x' }, { employee: LI, text: 'help' }), 401, 'unauthenticated');
    expect(stored()).toEqual(before);
  });

  it('refuses the very next post after a sign-out', async () => {
    const li = await t.signInAs(LI);
    expect((await post(li, { employee: LI, text: 'help' })).status).toBe(200);
    expect((await li.request('POST', '/api/auth/logout')).status).toBe(200);
    const before = stored();
    await refused(await post(li, { employee: LI, text: 'help' }), 401, 'unauthenticated');
    expect(stored()).toEqual(before);
  });

  it('refuses the very next post once the session expired', async () => {
    const li = await t.signInAs(LI);
    expect((await post(li, { employee: LI, text: 'help' })).status).toBe(200);
    t.clock.advance(2001 * 3600_000); // SESSION_TTL_HOURS=2000 in the test app
    const before = stored();
    await refused(await post(li, { employee: LI, text: 'help' }), 401, 'unauthenticated');
    expect(stored()).toEqual(before);
  });

  it('refuses the very next post after another process deactivated the person, and their sessions end', async () => {
    const han = await t.signInAs(HAN);
    expect((await post(han, { employee: HAN, text: 'help' })).status).toBe(200);
    other.prepare('update people set active = 0 where email = ?').run(HAN);
    const before = stored();
    await refused(await post(han, { employee: HAN, text: 'help' }), 401, 'unauthenticated');
    expect(stored()).toEqual(before);
    // The refusal is answered from the group commit's unit without undoing it: the ended sessions stay ended.
    expect(sessionsOf(HAN)).toBe(0);
    other.prepare('update people set active = 1 where email = ?').run(HAN);
  });

  it('applies a role change another process wrote to the very next post', async () => {
    // The first admin (no person in this directory): admins may type for someone on the local chat. Signed in
    // again: the expiry above moved the clock past the first session.
    expect((await t.login()).status).toBe(200);
    const client: Pick<Client, 'cookie' | 'csrf'> = { cookie: t.cookie, csrf: t.csrf };
    const typed = await post(client, { employee: LI, text: 'help' });
    expect(typed.status).toBe(200);
    expect(t.sql<{ typedBy: string }>(`select typed_by as typedBy from local_messages where sender = 'person' order by id desc limit 1`)[0].typedBy).toBe(ADMIN.email);
    other.prepare(`update accounts set role = 'employee' where email = ?`).run(ADMIN.email);
    try {
      const before = stored();
      await refused(await post(client, { employee: LI, text: 'help' }), 403, 'forbidden');
      expect(stored()).toEqual(before);
    } finally {
      other.prepare(`update accounts set role = 'admin' where email = ?`).run(ADMIN.email);
    }
    expect((await post(client, { employee: LI, text: 'help' })).status).toBe(200);
  });

  it('refuses bad input whole: a bad body, an unknown person, someone else spoken for by an employee', async () => {
    const li = await t.signInAs(LI);
    const before = stored();
    await refused(await post(li, { employee: LI, text: '' }), 400, 'invalid_request');
    await refused(await post(li, { employee: LI, text: 'hi', extra: 1 }), 400, 'invalid_request');
    await refused(await post(li, { employee: 'nobody@example.com', text: 'hi' }), 404, 'unknown_employee');
    await refused(await post(li, { employee: HAN, text: 'hi' }), 403, 'forbidden');
    expect(stored()).toEqual(before);
  });
});
