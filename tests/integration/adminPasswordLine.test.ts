/**
 * The first start as a newcomer runs it: `bot/main.ts` in a real process, logs as JSON (stdout is not a terminal),
 * no ADMIN_PASSWORD. The generated password is on a plain line of its own on stderr, not inside any JSON line, and
 * it signs in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('the generated admin password', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perf-firstrun-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is printed on a line of its own, readable at once when the log is JSON, and signs the admin in', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'perf.db'), LOG_LEVEL: 'info', DEMO_DATA: 'off', SCHEDULER: 'off', ADMIN_PASSWORD: '', ADMIN_EMAIL: 'boss@example.com' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const started = Date.now();
    while (!/"msg":"perf-bot is running"/.test(stdout)) {
      if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`no start: ${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = (JSON.parse(stdout.split('\n').find((l) => l.includes('perf-bot is running'))!) as { url: string }).url;

    // stdout is JSON lines only; the password is in none of them
    const jsonLines = stdout.trim().split('\n');
    for (const line of jsonLines) expect(() => JSON.parse(line)).not.toThrow();
    const passwordLines = stderr.split('\n').filter((l) => l.startsWith('Admin password: '));
    expect(passwordLines).toHaveLength(1);
    const password = passwordLines[0].slice('Admin password: '.length);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(stdout).not.toContain(password);
    // the JSON log says where to look
    expect(jsonLines.some((l) => (JSON.parse(l) as { msg: string }).msg.includes('Admin password:'))).toBe(true);

    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@example.com', password }) });
    expect(login.status).toBe(200);
  }, 90_000);
});
