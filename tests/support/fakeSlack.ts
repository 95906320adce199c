import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { METHODS, type Args, type Result } from './fakeSlackApi';
import { DEFAULT_LIMITS, RateLimiter, type FakeSlackLimits } from './fakeSlackLimits';
import { FakeSlackSocket } from './fakeSlackSocket';
import { FakeSlackState, type FakeChannel, type FakeMessage, type FakeUser } from './fakeSlackState';
import { closeNow, listenOnLoopback } from './loopback';

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';

export interface SlackCall {
  method: string;
  /** The arguments as sent (token removed); omitted when the fake was started with recordArgs: false. */
  args?: Args;
  status: number;
  ok: boolean;
  error?: string;
  at: number;
}

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** The fake's clock (ms) for rate windows and trigger expiry; tests pass the app's test clock. */
  now?: () => number;
  limits?: Partial<FakeSlackLimits>;
  /** Keep every call's arguments (tests); the bench turns this off. */
  recordArgs?: boolean;
}

type Scripted = { status: number; retryAfter?: number; body: Result };

/**
 * A local Slack Web API on 127.0.0.1 that checks what it gets the way Slack does: POST /api/<method>, a Bearer
 * token of the right kind, a form body with objects as JSON strings, Block Kit and view limits, {ok:false,error}
 * for bad arguments, 429 + Retry-After past its rate limits. Every call is recorded. Socket Mode at /link.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly state: FakeSlackState;
  readonly limiter: RateLimiter;
  readonly socket: FakeSlackSocket;
  readonly botToken: string;
  readonly appToken: string;
  url = '';
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly triggers: { method: string; left: number; then: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly opts: FakeSlackOptions,
  ) {
    const now = opts.now ?? Date.now;
    this.state = new FakeSlackState(now);
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits }, now);
    this.socket = new FakeSlackSocket(server);
    this.botToken = opts.botToken ?? FAKE_BOT_TOKEN;
    this.appToken = opts.appToken ?? FAKE_APP_TOKEN;
  }

  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    fake = new FakeSlack(server, opts);
    fake.url = (await listenOnLoopback(server)).url;
    return fake;
  }

  /** The Web API base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  addUser(user: FakeUser): FakeUser {
    this.state.users.set(user.id, user);
    return user;
  }

  addChannel(id: string, name: string): FakeChannel {
    const channel: FakeChannel = { id, name, kind: 'channel', messages: [] };
    this.state.channels.set(id, channel);
    return channel;
  }

  /** The next `times` calls of a method get this answer instead (e.g. HTTP 500, or 429 with Retry-After). */
  failNext(method: string, reply: { status?: number; retryAfter?: number; error?: string }, times = 1): void {
    const status = reply.status ?? (reply.retryAfter ? 429 : 200);
    const body: Result = { ok: false, error: reply.error ?? (status === 429 ? 'ratelimited' : 'internal_error') };
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...Array.from({ length: times }, () => ({ status, retryAfter: reply.retryAfter, body }))]);
  }

  /**
   * Runs `then` once, right after the `okCalls`-th successful call of a method from now (e.g. to start a storm of
   * scripted answers in the middle of a fan-out rather than before it).
   */
  afterOk(method: string, okCalls: number, then: () => void): void {
    this.triggers.push({ method, left: okCalls, then });
  }

  callsTo(method: string, opts: { ok?: boolean } = {}): SlackCall[] {
    return this.calls.filter((c) => c.method === method && (opts.ok === undefined || c.ok === opts.ok));
  }

  /** What the bot has posted in its DM with a user, oldest first (replies in threads included). */
  dmMessages(userId: string): FakeMessage[] {
    return this.state.channels.get(`D${userId.slice(1)}`)?.messages ?? [];
  }

  channel(id: string): FakeChannel | undefined {
    return this.state.channels.get(id);
  }

  async close(): Promise<void> {
    this.socket.close();
    await closeNow(this.server);
  }

  private fireTriggers(method: string): void {
    for (const t of this.triggers.filter((x) => x.method === method)) {
      if (--t.left > 0) continue;
      this.triggers.splice(this.triggers.indexOf(t), 1);
      t.then();
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/api\/([A-Za-z.]+)\/?$/.exec(new URL(req.url ?? '/', this.url).pathname);
    if (req.method !== 'POST' || !match) return void res.writeHead(404).end('not found');
    const method = match[1];
    const raw = await readBody(req);
    const send = (status: number, body: Result, headers: Record<string, string> = {}, args?: Args) => {
      this.calls.push({ method, ...(this.opts.recordArgs === false ? {} : { args }), status, ok: body.ok, error: body.ok ? undefined : body.error, at: this.state.now() });
      if (body.ok) this.fireTriggers(method);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
    };

    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let args: Args;
    if (type === 'application/x-www-form-urlencoded') args = Object.fromEntries(new URLSearchParams(raw));
    else if (type === 'application/json' && bearer) {
      try {
        args = JSON.parse(raw) as Args;
      } catch {
        return send(200, { ok: false, error: 'invalid_json' });
      }
    } else return send(200, { ok: false, error: type === 'application/json' ? 'not_authed' : 'invalid_form_data' });

    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    if (!token) return send(200, { ok: false, error: 'not_authed' }, {}, args);
    const kind = token === this.botToken ? 'bot' : token === this.appToken ? 'app' : undefined;
    if (!kind) return send(200, { ok: false, error: 'invalid_auth' }, {}, args);
    if ((method === 'apps.connections.open') !== (kind === 'app') && method !== 'auth.test') return send(200, { ok: false, error: 'not_allowed_token_type' }, {}, args);

    const scripted = this.scripted.get(method)?.shift();
    if (scripted) return send(scripted.status, scripted.body, scripted.retryAfter ? { 'retry-after': String(scripted.retryAfter) } : {}, args);

    const handler = method === 'apps.connections.open' ? () => ({ ok: true as const, url: `${this.url.replace(/^http/, 'ws')}/link/?ticket=${this.state.nextId('T')}` }) : METHODS[method];
    if (!handler) return send(404, { ok: false, error: 'unknown_method' }, {}, args);
    const channel = method === 'chat.postMessage' && typeof args.channel === 'string' ? this.state.resolve(args.channel)?.id : undefined;
    const wait = this.limiter.check(method, channel);
    if (wait > 0) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) }, args);
    send(200, handler(this.state, args), {}, args);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
