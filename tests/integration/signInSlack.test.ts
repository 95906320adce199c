import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackOidc, type SlackOidcUser } from '../support/fakeSlackOidc';
import { PEOPLE_HEADER, TestApp } from '../support/harness';

const CLIENT = { clientId: '1111111111.2222222222', clientSecret: 'slack-client-secret' };

/** 李雷 already has a Slack id; 韩梅梅 and Kevin have none (found by e-mail, or not). */
const CSV = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,U0WANGFANG,,manager',
  'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,U0LILEI,,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E4,Kevin Li,kevin.li@example.com,研发中心/后端组,wang.fang@example.com,rnd,America/Los_Angeles,en,,,employee',
].join('\n');

/** name=value of each Set-Cookie. */
function cookies(res: Response): Record<string, string> {
  return Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0].split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('Sign in with Slack (OpenID Connect)', () => {
  let t: TestApp;
  let slack: FakeSlackOidc;
  let redirectUri: string;

  beforeAll(async () => {
    slack = await FakeSlackOidc.start({ ...CLIENT, redirectUris: [] });
    t = await TestApp.start({ env: { SLACK_CLIENT_ID: CLIENT.clientId, SLACK_CLIENT_SECRET: CLIENT.clientSecret, SLACK_OIDC_ISSUER: slack.url } });
    // No PUBLIC_URL: the app's public URL is http://localhost:<port>; register its callback as the Slack app would.
    redirectUri = `http://localhost:${new URL(t.url).port}/auth/slack/callback`;
    slack.client.redirectUris.push(redirectUri);
    expect((await t.importPeople(CSV)).status).toBe(200);
  });
  afterAll(async () => {
    await t.destroy();
    await slack.close();
  });

  /** The browser's part: /auth/slack → Slack's authorize page (signs `user` in) → back to the app's callback URL. */
  async function toSlackAndBack(user: SlackOidcUser) {
    const start = await fetch(`${t.url}/auth/slack`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const flowCookie = `perf_oauth=${cookies(start).perf_oauth}`;
    slack.nextUser = user;
    const atSlack = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect(atSlack.status, await atSlack.clone().text()).toBe(302);
    const callbackUrl = atSlack.headers.get('location')!;
    return { start, flowCookie, callbackUrl };
  }

  /** The app's callback, reached at its real address (the Location names localhost, the public URL). */
  const callback = (callbackUrl: string, cookie: string) => fetch(callbackUrl.replace(/^http:\/\/localhost:\d+/, t.url), { redirect: 'manual', headers: { cookie } });

  async function me(res: Response) {
    const session = cookies(res).perf_session;
    expect(session, 'a session cookie').toBeTruthy();
    const answer = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: `perf_session=${session}` } });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { user: { email: string; landing: string } }).user;
  }

  const slackIdOf = (email: string) =>
    t.sql<{ id: string }>(`select i.external_id as id from identities i join people p on p.id = i.person_id where p.email = ? and i.platform = 'slack'`, email)[0]?.id;

  it('signs in a person matched by Slack user id, with a state+nonce cookie that is then cleared', async () => {
    const { start, flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0LILEI', email: 'lilei@other.example', email_verified: true });
    const set = start.headers.getSetCookie().find((c) => c.startsWith('perf_oauth='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\/auth/);
    expect(set).toMatch(/Max-Age=600/);
    expect(set).not.toMatch(/Secure/i); // COOKIE_SECURE is off

    const done = await callback(callbackUrl, flowCookie);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/#/me');
    expect(cookies(done).perf_oauth).toBe(''); // the state works once
    expect(await me(done)).toMatchObject({ email: 'li.lei@example.com', landing: 'me' });
  });

  it('sends Slack the registered client, redirect_uri, scope, state and nonce, and checks the id_token signature', async () => {
    const { flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0WANGFANG' });
    const done = await callback(callbackUrl, flowCookie);
    expect(done.headers.get('location')).toBe('/#/team');

    const [, state, nonce] = decodeURIComponent(flowCookie.split('=')[1]).split('.');
    const authorize = slack.authorizeRequests.at(-1)!;
    expect(authorize.outcome).toBe('ok');
    expect(authorize.query).toMatchObject({ client_id: CLIENT.clientId, redirect_uri: redirectUri, response_type: 'code', state, nonce, scope: 'openid email profile' });
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(nonce.length).toBeGreaterThanOrEqual(32);
    const token = slack.tokenRequests.at(-1)!;
    expect(token.answer.ok).toBe(true);
    expect(token.auth).toBe('post');
    // redirect_uri in the token request comes from PUBLIC_URL (here http://localhost:<port>), not from the Host header (127.0.0.1)
    expect(token.form).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT.clientId, redirect_uri: redirectUri });
    expect(slack.keysServed).toBeGreaterThan(0);
  });

  it('matches a person without a Slack id by verified e-mail and records the identity', async () => {
    expect(slackIdOf('han.meimei@example.com')).toBeUndefined();
    const { flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0HANMEI', email: 'Han.Meimei@example.com', email_verified: true });
    const done = await callback(callbackUrl, flowCookie);
    expect(done.status).toBe(302);
    expect(await me(done)).toMatchObject({ email: 'han.meimei@example.com' });
    expect(slackIdOf('han.meimei@example.com')).toBe('U0HANMEI');
  });

  it('does not sign in by an unverified e-mail (403 page, no session, nothing recorded)', async () => {
    const { flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0KEVIN', email: 'kevin.li@example.com', email_verified: false });
    const done = await callback(callbackUrl, flowCookie);
    expect(done.status).toBe(403);
    expect(await done.text()).toContain('data-problem="no_match"');
    expect(cookies(done).perf_session).toBeUndefined();
    expect(slackIdOf('kevin.li@example.com')).toBeUndefined();
  });

  it('refuses a callback whose state is not the one in the cookie (400, Slack not even asked)', async () => {
    const first = await toSlackAndBack({ userId: 'U0LILEI' });
    const second = await toSlackAndBack({ userId: 'U0LILEI' });
    const tokenCalls = slack.tokenRequests.length;
    const crossed = await callback(second.callbackUrl, first.flowCookie);
    expect(crossed.status).toBe(400);
    expect(await crossed.text()).toContain('data-problem="state"');
    expect(cookies(crossed).perf_session).toBeUndefined();
    const noCookie = await callback(second.callbackUrl, '');
    expect(noCookie.status).toBe(400);
    expect(slack.tokenRequests.length).toBe(tokenCalls);
  });

  it('gets no session from a code used a second time: Slack refuses it (invalid_code)', async () => {
    const { flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0LILEI' });
    expect((await callback(callbackUrl, flowCookie)).status).toBe(302);
    const replay = await callback(callbackUrl, flowCookie); // the same cookie kept back, the same code
    expect(replay.status).toBe(502);
    expect(await replay.text()).toContain('data-problem="provider"');
    expect(cookies(replay).perf_session).toBeUndefined();
    expect(slack.tokenRequests.at(-1)!.answer).toEqual({ ok: false, error: 'invalid_code' });
  });

  it('refuses an id_token signed with a key Slack does not publish', async () => {
    slack.forgeSignatures = true;
    try {
      const { flowCookie, callbackUrl } = await toSlackAndBack({ userId: 'U0LILEI' });
      const forged = await callback(callbackUrl, flowCookie);
      expect(forged.status).toBe(502);
      expect(cookies(forged).perf_session).toBeUndefined();
    } finally {
      slack.forgeSignatures = false;
    }
  });
});

describe('Sign in with Slack when not set up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ env: { SLACK_CLIENT_SECRET: 'only-the-secret' } });
  });
  afterAll(async () => t.destroy());

  it('says it is disabled (404) without a SLACK_CLIENT_ID', async () => {
    for (const path of ['/auth/slack', '/auth/slack/callback?code=x&state=y']) {
      const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('data-problem="disabled"');
    }
  });
});
