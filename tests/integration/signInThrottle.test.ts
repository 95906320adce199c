import { afterEach, describe, expect, it } from 'vitest';
import { TEAM_CSV, TestApp } from '../support/harness';

const post = (t: TestApp, path: string, body: unknown) =>
  fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('throttling the ways in', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.destroy());

  it('limits failed passwords per account: 429 with Retry-After and the error shape, then even the right password waits', async () => {
    t = await TestApp.start({ env: { SIGNIN_LIMIT_PER_ACCOUNT: '3' } });
    for (let i = 0; i < 3; i++) expect((await post(t, '/api/auth/login', { email: 'admin@example.com', password: 'wrong-password' })).status).toBe(401);
    const blocked = await post(t, '/api/auth/login', { email: 'admin@example.com', password: 'wrong-password' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect((await post(t, '/api/auth/login', { email: 'admin@example.com', password: 'correct-horse-battery' })).status).toBe(429);
    // Another account from the same address is not held back by this one's failures.
    expect((await post(t, '/api/auth/login', { email: 'li.lei@example.com', password: 'wrong-password' })).status).toBe(401);
  });

  it('limits failures per IP address across accounts', async () => {
    t = await TestApp.start({ env: { SIGNIN_LIMIT_PER_IP: '4' } });
    for (let i = 0; i < 4; i++) expect((await post(t, '/api/auth/login', { email: `someone${i}@example.com`, password: 'wrong-password' })).status).toBe(401);
    expect((await post(t, '/api/auth/login', { email: 'someone9@example.com', password: 'wrong-password' })).status).toBe(429);
  });

  it('limits chat-link requests per account and sends no more messages once limited', async () => {
    t = await TestApp.start();
    await t.importPeople(TEAM_CSV);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(t, '/api/auth/chat-link', { email: 'li.lei@example.com' })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    await t.app.dispatcher.drain();
    expect(t.sql<{ n: number }>(`select count(*) as n from login_links`)[0].n).toBe(5);
    // Someone else can still ask.
    expect((await post(t, '/api/auth/chat-link', { email: 'han.meimei@example.com' })).status).toBe(202);
  });
});
