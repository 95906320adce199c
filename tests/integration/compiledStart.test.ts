/**
 * `npm start` runs the server bundled ahead (bot/buildServer.ts) with plain `node` and the start script's flags.
 * Built into a folder of its own, started on a temp database and a free port: it serves /healthz and the API,
 * finds its migrations, its locales (a zh-CN chat reply) and the WAL checkpoint worker (db/walCheckpointWorker.mjs:
 * its own connection to the database file, seen in /proc), all resolved from the project's folder, not the bundle's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startCommand } from '../../bot/buildServer';
import { fromRoot } from '../../db/projectRoot';
import { PEOPLE_HEADER } from '../support/harness';

const PASSWORD = 'compiled-start-pass-1';
const outdir = fromRoot('dist', `test-compiled-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'perf-compiled-'));
let child: ChildProcess | undefined;
let output = '';
let url = '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

async function waitForHealth(deadlineMs: number): Promise<Response> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child?.exitCode !== null) throw new Error(`the compiled server exited (${child?.exitCode}):\n${output}`);
    try {
      return await fetch(`${url}/healthz`);
    } catch {
      if (Date.now() > until) throw new Error(`no /healthz within ${deadlineMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The files this process holds open, as /proc shows them. */
const openFiles = (pid: number) =>
  readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });

beforeAll(async () => {
  await buildServer(['bot/main.ts'], outdir);
  const { env: startEnv, nodeFlags } = startCommand();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // run from another folder: nothing may depend on the working directory
  child = spawn(process.execPath, [...nodeFlags, join(outdir, 'main.js')], {
    cwd: dataDir,
    env: { ...startEnv, PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dataDir, 'perf.db'), ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: PASSWORD, DEMO_DATA: 'off', SCHEDULER: 'off', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled start (node on the esbuild bundle)', () => {
  it('serves health, sign-in and the API, with its migrations, zh-CN locales and WAL checkpoint worker', async () => {
    const health = await waitForHealth(45_000);
    expect(health.status, output).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^perf_session=/);
    const auth = { cookie, 'x-csrf-token': csrfToken };

    // the migrations ran (tables exist) and the API answers through the policy
    const status = await fetch(`${url}/api/setup/status`, { headers: auth });
    expect(status.status).toBe(200);
    expect(((await status.json()) as { people: number }).people).toBe(0);

    const csv = `${PEOPLE_HEADER}\nE1,王小明,xiaoming@example.com,研发中心/后端组,,engineering,Asia/Shanghai,zh-CN,,,employee\n`;
    const imported = await fetch(`${url}/api/people/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv });
    expect(imported.status, await imported.clone().text()).toBe(200);

    // a chat reply in zh-CN, from locales/zh-CN/bot.json as the bundle found it
    const help = (JSON.parse(readFileSync(fromRoot('locales', 'zh-CN', 'bot.json'), 'utf8')) as Record<string, string>)['help.text'];
    expect(help).toMatch(/积分/);
    const said = await fetch(`${url}/api/local/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ employee: 'xiaoming@example.com', text: '帮助' }) });
    expect(said.status, await said.clone().text()).toBe(200);
    const chat = (await (await fetch(`${url}/api/local/messages?employee=xiaoming@example.com`, { headers: auth })).json()) as { messages: { from: string; text: string }[] };
    expect(chat.messages.map((m) => m.text)).toContain(help);

    // the checkpoint worker holds its own connection to the database file: two handles on perf.db in the process.
    // The thread opens it once it has started (a fresh V8 isolate loading better-sqlite3), which under CI's load can
    // come after the requests above: wait for it, up to 20 s.
    const db = join(dataDir, 'perf.db');
    const handles = async () => {
      const until = Date.now() + 20_000;
      for (;;) {
        const n = openFiles(child!.pid!).filter((f) => f === db).length;
        if (n >= 2 || Date.now() > until) return n;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    expect(await handles(), output).toBe(2);
    expect(output).not.toMatch(/WAL checkpoint thread stopped|Cannot find module|ERR_MODULE_NOT_FOUND/);
  }, 90_000);
});
