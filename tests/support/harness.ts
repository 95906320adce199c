import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../bot/app';
import type { Logger } from '../../bot/logger';
import { TestClock } from './clock';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export const PEOPLE_HEADER = 'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

/** A small team: a manager (Shanghai), two reports in Shanghai, one in Los Angeles with English. */
export const TEAM_CSV = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E4,Kevin Li,kevin.li@example.com,研发中心/后端组,wang.fang@example.com,rnd,America/Los_Angeles,en,,,employee',
].join('\n');

export interface Message {
  id: number;
  from: 'bot' | 'person';
  text: string;
  fields: { label: string; value: string }[];
  buttons: { actionId: string; label: string; value: string }[];
}

/** A running app on a temp SQLite file and a free port, with an admin client for its HTTP API. */
export class TestApp {
  cookie = '';
  csrf = '';

  private constructor(
    readonly app: RunningApp,
    readonly dir: string,
    readonly clock: TestClock,
  ) {}

  static async start(opts: { clock?: TestClock; dir?: string; env?: Record<string, string>; log?: Logger } = {}): Promise<TestApp> {
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'perf-test-'));
    const clock = opts.clock ?? new TestClock('2026-11-20T00:00:00Z');
    const app = await startApp({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'perf.db'),
        DEMO_DATA: 'off',
        SCHEDULER: 'off',
        LOG_LEVEL: 'silent',
        SESSION_TTL_HOURS: '2000', // the test clock jumps days ahead
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ...opts.env,
      },
      now: clock.now,
      log: opts.log,
    });
    const t = new TestApp(app, dir, clock);
    await t.login();
    return t;
  }

  get url(): string {
    return this.app.url;
  }

  async login(email = ADMIN.email, password = ADMIN.password): Promise<Response> {
    const res = await fetch(`${this.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.ok) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = contentType;
    return fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  }

  async importPeople(csv: string): Promise<Response> {
    return this.request('POST', '/api/people/import', csv, 'text/csv');
  }

  async runJob(name: string): Promise<Record<string, unknown>> {
    const res = await this.request('POST', `/api/jobs/${name}/run`);
    if (!res.ok) throw new Error(`job ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: Record<string, unknown> }).result;
  }

  async say(email: string, text: string, id?: string): Promise<Response> {
    const res = await this.request('POST', '/api/local/messages', { employee: email, text, id });
    if (!res.ok) throw new Error(`say: ${res.status} ${await res.text()}`);
    return res;
  }

  async click(email: string, action: string, value: string): Promise<void> {
    const res = await this.request('POST', '/api/local/messages', { employee: email, action, value });
    if (!res.ok) throw new Error(`click: ${res.status} ${await res.text()}`);
  }

  async messages(email: string): Promise<Message[]> {
    const res = await this.request('GET', `/api/local/messages?employee=${encodeURIComponent(email)}`);
    if (!res.ok) throw new Error(`messages: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { messages: Message[] }).messages;
  }

  async botMessages(email: string): Promise<Message[]> {
    return (await this.messages(email)).filter((m) => m.from === 'bot');
  }

  /** One scheduler pass at the current test time, then deliver everything. */
  async tick(): Promise<void> {
    await this.app.tick();
  }

  /** The newest sign-in (or set-password) link the bot sent this person in the local chat, read from the database. */
  async lastLink(email: string): Promise<string | undefined> {
    await this.app.dispatcher.drain();
    const rows = this.sql<{ body: string }>(
      `select m.body from local_messages m join people p on p.id = m.person_id where p.email = ? and m.sender = 'bot' order by m.id desc limit 20`,
      email,
    );
    for (const { body } of rows) {
      const url = /(https?:\/\/\S+(?:\/auth\/link\?token=|\/#\/set-password\?token=)\S+)/.exec((JSON.parse(body) as { text: string }).text)?.[1];
      if (url) return url;
    }
    return undefined;
  }

  /** Signs a person in the way people do: asks for a chat link, opens it. Returns a client with their session. */
  async signInAs(email: string): Promise<Client> {
    const asked = await fetch(`${this.url}/api/auth/chat-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
    if (asked.status !== 202) throw new Error(`chat-link: ${asked.status}`);
    const link = await this.lastLink(email);
    if (!link) throw new Error(`no sign-in link reached ${email}`);
    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, this.url), { redirect: 'manual' });
    if (opened.status !== 302) throw new Error(`sign-in link: ${opened.status} ${await opened.text()}`);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0];
    const me = (await (await fetch(`${this.url}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    return new Client(this.url, cookie, me.csrfToken);
  }

  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] {
    const stmt = this.app.db.$client.prepare(query);
    if (!stmt.reader) {
      stmt.run(...params);
      return [];
    }
    return stmt.all(...params) as T[];
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Someone's signed-in browser, as far as the API is concerned: a session cookie and its CSRF token. */
export class Client {
  constructor(
    readonly url: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = contentType;
    return fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}
