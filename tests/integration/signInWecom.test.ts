import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/harness';
import { startWecomApp, WECOM, WECOM_TEAM_CSV } from '../support/wecomHarness';

/** name=value of each Set-Cookie. */
function cookies(res: Response): Record<string, string> {
  return Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0].split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('WeCom OAuth sign-in (snsapi_base)', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let publicUrl: string;

  beforeAll(async () => {
    w = await startWecomApp();
    publicUrl = `http://localhost:${new URL(w.t.url).port}`; // no PUBLIC_URL in tests
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
  });
  afterAll(async () => w.destroy());

  /** GET /auth/wecom: the link WeCom's client opens, and the flow cookie. */
  async function begin() {
    const res = await fetch(`${w.t.url}/auth/wecom`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    return { location, state: new URL(location).searchParams.get('state')!, flowCookie: `perf_oauth=${cookies(res).perf_oauth}` };
  }

  /** WeCom's redirect back to the app (redirect_uri?code=&state=), sent to the app's real address. */
  const callback = (query: string, cookie: string) => fetch(`${w.t.url}/auth/wecom/callback?${query}`, { redirect: 'manual', headers: { cookie } });

  async function me(res: Response) {
    const answer = await fetch(`${w.t.url}/api/auth/me`, { headers: { cookie: `perf_session=${cookies(res).perf_session}` } });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { user: { email: string } }).user;
  }

  it('redirects to the OAuth link with every parameter, in order, ending in #wechat_redirect', async () => {
    const { location, state } = await begin();
    const redirect = encodeURIComponent(`${publicUrl}/auth/wecom/callback`);
    expect(redirect).toContain('%3A%2F%2F');
    expect(state).toMatch(/^[a-zA-Z0-9]{16,128}$/);
    expect(location).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${WECOM.corpId}&redirect_uri=${redirect}&response_type=code&scope=snsapi_base&state=${state}&agentid=${WECOM.agentId}#wechat_redirect`,
    );
  });

  it('signs in the person whose WeCom userid the code names (userids compared case-insensitively)', async () => {
    const { state, flowCookie } = await begin();
    const code = w.fake.oauthCode({ userid: 'lilei' }); // imported as "LiLei"
    const res = await callback(`code=${code}&state=${state}`, flowCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/#/me');
    expect(cookies(res).perf_oauth).toBe('');
    expect(await me(res)).toMatchObject({ email: 'li.lei@example.com' });

    // The fake checked the access_token like every other qyapi call: one issued by gettoken for this app.
    const call = w.fake.callsTo('auth/getuserinfo').at(-1)!;
    expect(call.query.code).toBe(code);
    expect(call.query.access_token).toMatch(/^tok-/);
    expect(call.answer).toMatchObject({ errcode: 0, userid: 'lilei' });
  });

  it('refreshes an expired access_token once and still uses the code', async () => {
    const warm = await begin(); // a sign-in, so that the sign-in client holds a token…
    expect((await callback(`code=${w.fake.oauthCode({ userid: 'wangfang' })}&state=${warm.state}`, warm.flowCookie)).status).toBe(302);
    w.fake.expireTokens(); // …which WeCom then refuses with 42001
    const { state, flowCookie } = await begin();
    const res = await callback(`code=${w.fake.oauthCode({ userid: 'hanmeimei' })}&state=${state}`, flowCookie);
    expect(res.status).toBe(302);
    expect(w.fake.callsTo('auth/getuserinfo').slice(-2).map((c) => c.answer.errcode)).toEqual([42001, 0]);
  });

  it('gives no session for a reused or unknown code (40029)', async () => {
    const code = w.fake.oauthCode({ userid: 'kevinli' });
    const first = await begin();
    expect((await callback(`code=${code}&state=${first.state}`, first.flowCookie)).status).toBe(302);
    const second = await begin();
    const reused = await callback(`code=${code}&state=${second.state}`, second.flowCookie);
    expect(reused.status).toBe(502);
    expect(await reused.text()).toContain('data-problem="provider"');
    expect(cookies(reused).perf_session).toBeUndefined();
    expect(w.fake.callsTo('auth/getuserinfo').at(-1)!.answer.errcode).toBe(40029);

    const third = await begin();
    const unknown = await callback(`code=made-up&state=${third.state}`, third.flowCookie);
    expect(unknown.status).toBe(502);
    expect(cookies(unknown).perf_session).toBeUndefined();
  });

  it('gives no session to someone outside the company (only an openid) or not in our directory', async () => {
    for (const who of [{ openid: 'oAbCdEf0123456789' }, { userid: 'stranger' }]) {
      const { state, flowCookie } = await begin();
      const res = await callback(`code=${w.fake.oauthCode(who)}&state=${state}`, flowCookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('data-problem="no_match"');
      expect(cookies(res).perf_session).toBeUndefined();
    }
  });

  it('refuses a wrong state or a missing cookie without asking WeCom, and a callback without a code', async () => {
    const calls = w.fake.callsTo('auth/getuserinfo').length;
    const { state, flowCookie } = await begin();
    const other = await begin();
    expect((await callback(`code=${w.fake.oauthCode({ userid: 'lilei' })}&state=${other.state}`, flowCookie)).status).toBe(400);
    expect((await callback(`code=${w.fake.oauthCode({ userid: 'lilei' })}&state=${state}`, '')).status).toBe(400);
    expect(w.fake.callsTo('auth/getuserinfo').length).toBe(calls);
    // No code: the person declined (or WeCom would not authorise): the provider's answer, no session.
    const declined = await callback(`state=${state}`, flowCookie);
    expect(declined.status).toBe(502);
    expect(cookies(declined).perf_session).toBeUndefined();
  });
});

describe('WeCom sign-in when WeCom is not set up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t.destroy());

  it('says it is disabled (404)', async () => {
    for (const path of ['/auth/wecom', '/auth/wecom/callback?code=x&state=y']) {
      const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('data-problem="disabled"');
    }
  });
});
