import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config';
import { TEAM_CSV, TestApp } from '../support/harness';

describe('configuration', () => {
  it('lists every invalid key at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DEFAULT_TIMEZONE: 'Mars/Base', DEFAULT_LOCALE: 'fr', WECOM_AES_KEY: 'short', ADMIN_PASSWORD: '123' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DEFAULT_TIMEZONE', 'DEFAULT_LOCALE', 'WECOM_AES_KEY', 'ADMIN_PASSWORD']) expect(problems).toContain(key);
  });

  it('makes npm start exit 1 with every problem and no stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, PORT: '-5', STANDUP_PROMPT_TIME: '25:99', DEMO_DATA: 'maybe', DATABASE_PATH: '/nonexistent/never-created.db' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    for (const key of ['PORT', 'STANDUP_PROMPT_TIME', 'DEMO_DATA']) expect(run.stderr).toContain(key);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('uses the contract defaults', () => {
    const c = loadConfig({});
    expect([c.PORT, c.DATABASE_PATH, c.DEFAULT_LOCALE, c.DEFAULT_TIMEZONE, c.ANNOUNCE_CHANNEL]).toEqual([3000, './data/perf.db', 'zh-CN', 'Asia/Shanghai', 'general']);
  });
});

describe('API authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.importPeople(TEAM_CSV);
  });
  afterAll(async () => t.destroy());

  it('answers /healthz without login', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses unauthenticated calls with 401 and changes nothing', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/people', undefined],
      ['GET', '/api/local/messages?employee=li.lei@example.com', undefined],
      ['POST', '/api/jobs/standup-prompt/run', undefined],
      ['POST', '/api/local/messages', JSON.stringify({ employee: 'li.lei@example.com', text: 'hi' })],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    expect(t.sql(`select count(*) as n from standup_rounds`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from local_messages`)).toEqual([{ n: 0 }]);
  });

  it('refuses a wrong password with 401 and the same message as an unknown account', async () => {
    const wrong = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'nope' }) });
    const unknown = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'who@example.com', password: 'nope' }) });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('sets an httpOnly SameSite session cookie and requires the CSRF token on cookie-authenticated writes', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'correct-horse-battery' }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const noToken = await fetch(`${t.url}/api/jobs/standup-prompt/run`, { method: 'POST', headers: { cookie: cookie.split(';')[0] } });
    expect(noToken.status).toBe(403);
    expect(t.sql(`select count(*) as n from standup_rounds`)).toEqual([{ n: 0 }]);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('admin');
  });

  it('returns errors as {error:{code,message}} for unknown endpoints and jobs', async () => {
    const res = await t.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const job = await t.request('POST', '/api/jobs/no-such-job/run');
    expect(job.status).toBe(404);
    expect(((await job.json()) as { error: { code: string } }).error.code).toBe('unknown_job');
    const bad = await t.request('POST', '/api/local/messages', '{not json');
    expect(bad.status).toBe(400);
  });
});

describe('a platform that cannot start', () => {
  it('fails the start with a clear error and leaves nothing listening', async () => {
    const { createServer } = await import('node:net');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startApp } = await import('../../bot/app');
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const dir = mkdtempSync(join(tmpdir(), 'perf-badslack-'));
    try {
      await expect(
        startApp({
          env: {
            PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'perf.db'), LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'correct-horse-battery',
            SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:1/api/',
          },
        }),
      ).rejects.toThrow();
      const again = createServer();
      await new Promise<void>((resolve, reject) => again.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
      await new Promise((resolve) => again.close(resolve));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
