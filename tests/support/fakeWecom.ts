import express, { type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { checkSend, type SendBody } from './fakeWecomMessages';
import { closeNow, listenOnLoopback } from './loopback';

export interface FakeUser {
  userid: string;
  name: string;
  department: number[];
  main_department?: number;
  direct_leader?: string[];
  /** 1 active (default), 2 disabled, 4 not activated */
  status?: number;
}

export interface FakeDepartment {
  id: number;
  name: string;
  parentid: number;
  department_leader?: string[];
}

export interface Call {
  api: string;
  query: Record<string, string>;
  body: unknown;
  answer: Record<string, unknown>;
}

export interface Delivered {
  msgtype: string;
  text?: string;
  card?: NonNullable<SendBody['template_card']>;
}

type Json = Record<string, unknown>;
const LIMITS = [
  { windowMs: 60_000, max: 30 },
  { windowMs: 3_600_000, max: 1000 },
];

/**
 * A local qyapi on 127.0.0.1 that behaves like WeCom where it matters: checks corpid/secret, access_token
 * (expired → 42001, unknown → 40014) and agentid; enforces message limits; answers invaliduser; silently drops
 * messages over a member's limits (counted in `dropped`, which a correct client keeps at 0); serves the
 * directory and the group robot. Every call is recorded; failures can be scripted.
 */
export class FakeWecom {
  url = '';
  readonly calls: Call[] = [];
  readonly users = new Map<string, FakeUser>();
  departments: FakeDepartment[] = [];
  readonly robotKey = 'robot-key';
  /** Messages WeCom would have dropped without a word (a member over 30/min or 1000/h). */
  dropped = 0;
  readonly inbox = new Map<string, Delivered[]>();
  readonly robotMessages: string[] = [];
  private readonly tokens = new Map<string, 'valid' | 'expired'>();
  private readonly failures: { api: string; errcode: number; errmsg: string; times: number }[] = [];
  private readonly triggers: { api: string; left: number; then: () => void }[] = [];
  private expireAfter?: { api: string; left: number };
  private readonly memberSends = new Map<string, number[]>();
  private robotSends: number[] = [];
  private readonly taskIds = new Set<string>();
  private readonly codes = new Map<string, { used: boolean }>();
  /** OAuth codes (网页授权) a test issued: who they name, and whether getuserinfo has spent them. */
  private readonly oauthCodes = new Map<string, { who: { userid: string } | { openid: string }; used: boolean }>();
  private serial = 0;
  private server?: Server;

  private constructor(readonly opts: { corpId: string; secret: string; agentId: number; now: () => Date }) {}

  static async start(opts: { corpId: string; secret: string; agentId: number; now: () => Date }): Promise<FakeWecom> {
    const fake = new FakeWecom(opts);
    const web = express();
    web.use(express.json({ limit: '2mb' }));
    web.get('/cgi-bin/gettoken', (req, res) => fake.gettoken(req, res));
    web.post('/cgi-bin/message/send', (req, res) => fake.api(req, res, 'message/send', () => fake.send(req.body as SendBody)));
    web.post('/cgi-bin/message/update_template_card', (req, res) => fake.api(req, res, 'message/update_template_card', () => fake.updateCard(req.body as Json)));
    web.get('/cgi-bin/department/list', (req, res) => fake.api(req, res, 'department/list', () => ({ department: fake.departments })));
    web.get('/cgi-bin/user/list', (req, res) =>
      fake.api(req, res, 'user/list', () => ({ userlist: [...fake.users.values()].filter((u) => u.department.includes(Number(req.query.department_id))) })),
    );
    web.get('/cgi-bin/auth/getuserinfo', (req, res) => fake.api(req, res, 'auth/getuserinfo', () => fake.userInfo(String(req.query.code ?? ''))));
    web.post('/cgi-bin/webhook/send', (req, res) => fake.robot(req, res));
    ({ server: fake.server, url: fake.url } = await listenOnLoopback(web));
    return fake;
  }

  async close(): Promise<void> {
    await closeNow(this.server);
  }

  get robotUrl(): string {
    return `${this.url}/cgi-bin/webhook/send?key=${this.robotKey}`;
  }

  addUsers(...users: FakeUser[]): void {
    for (const u of users) this.users.set(u.userid, u);
  }

  /** Every token issued so far now answers 42001 (WeCom invalidated them early). */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 'expired');
  }

  /** Expire all tokens right after the n-th successful call to `api` from now (mid-fan-out). */
  expireTokensAfter(api: string, n: number): void {
    this.expireAfter = { api, left: n };
  }

  /** The next `times` calls to `api` answer `errcode`. */
  failNext(api: string, errcode: number, times = 1, errmsg = 'scripted failure'): void {
    this.failures.push({ api, errcode, errmsg, times });
  }

  /**
   * The next `times` calls to `api` (with a valid token) answer 45009, as WeCom does once a frequency limit is hit
   * (path/90313, path/90454: the block lasts the rest of the window).
   */
  freqLimitNext(api: string, times = 1): void {
    this.failNext(api, 45009, times, 'api freq out of limit');
  }

  /** Runs `then` once, right after the `okCalls`-th successful call to `api` from now (to start a storm mid-fan-out). */
  afterOk(api: string, okCalls: number, then: () => void): void {
    this.triggers.push({ api, left: okCalls, then });
  }

  /** A click on a card: WeCom puts a fresh ResponseCode in the callback. */
  clickCode(): string {
    const code = `click-rc-${++this.serial}`;
    this.codes.set(code, { used: false });
    return code;
  }

  /** The code WeCom puts on the OAuth redirect after someone opened the link: a member's userid, or an outsider's openid. */
  oauthCode(who: { userid: string } | { openid: string }): string {
    const code = `oauth-${++this.serial}-${'c'.repeat(32)}`;
    this.oauthCodes.set(code, { who, used: false });
    return code;
  }

  callsTo(api: string): Call[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** Accepted message/send calls (errcode 0). */
  sends(): Call[] {
    return this.callsTo('message/send').filter((c) => c.answer.errcode === 0);
  }

  messagesTo(userid: string): Delivered[] {
    return this.inbox.get(userid) ?? [];
  }

  private gettoken(req: Request, res: Response): void {
    const q = req.query as Record<string, string>;
    let answer: Json;
    if (q.corpid !== this.opts.corpId) answer = { errcode: 40013, errmsg: 'invalid corpid' };
    else if (q.corpsecret !== this.opts.secret) answer = { errcode: 40001, errmsg: 'invalid credential' };
    else {
      const token = `tok-${++this.serial}-${'x'.repeat(40)}`;
      this.tokens.set(token, 'valid');
      answer = { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
    }
    this.record('gettoken', req, answer);
    res.json(answer);
  }

  /** Token check, scripted failures, then the handler; WeCom answers errors as HTTP 200 with an errcode. */
  private api(req: Request, res: Response, api: string, handle: () => Json): void {
    const state = this.tokens.get(String(req.query.access_token ?? ''));
    let answer: Json;
    const failure = this.failures.find((f) => f.api === api && f.times > 0);
    if (!state) answer = { errcode: req.query.access_token ? 40014 : 41001, errmsg: 'invalid access_token' };
    else if (state === 'expired') answer = { errcode: 42001, errmsg: 'access_token expired' };
    else if (failure) {
      failure.times--;
      answer = { errcode: failure.errcode, errmsg: failure.errmsg };
    } else answer = { errcode: 0, errmsg: 'ok', ...handle() };
    this.record(api, req, answer);
    if (answer.errcode === 0 && this.expireAfter?.api === api && --this.expireAfter.left === 0) {
      this.expireAfter = undefined;
      this.expireTokens();
    }
    if (answer.errcode === 0) {
      for (const t of this.triggers.filter((x) => x.api === api)) {
        if (--t.left > 0) continue;
        this.triggers.splice(this.triggers.indexOf(t), 1);
        t.then();
      }
    }
    res.json(answer);
  }

  private send(body: SendBody): Json {
    const problem = checkSend(body, this.opts.agentId, this.taskIds);
    if (problem) return problem;
    const to = body.touser!.split('|');
    // unknown, disabled or not activated members are invalid; WeCom answers them lower-cased
    const invalid = to.filter((u) => (this.users.get(u)?.status ?? (this.users.has(u) ? 1 : 0)) !== 1);
    if (invalid.length === to.length) return { errcode: 81013, errmsg: 'all recipients are invalid' };
    for (const userid of to.filter((u) => !invalid.includes(u))) {
      if (!this.admit(userid)) {
        this.dropped++;
        continue;
      }
      const list = this.inbox.get(userid) ?? [];
      list.push({ msgtype: body.msgtype!, text: body.text?.content ?? body.markdown?.content, card: body.template_card });
      this.inbox.set(userid, list);
    }
    const answer: Json = { invaliduser: invalid.map((u) => u.toLowerCase()).join('|'), msgid: `msg-${++this.serial}` };
    if (body.msgtype === 'template_card') {
      this.taskIds.add(body.template_card!.task_id!);
      const code = `send-rc-${++this.serial}`;
      this.codes.set(code, { used: false });
      answer.response_code = code;
    }
    return answer;
  }

  /** A member's sliding windows, as WeCom keeps them: over either limit, the message is dropped. */
  private admit(userid: string): boolean {
    const now = this.opts.now().getTime();
    const sends = (this.memberSends.get(userid) ?? []).filter((t) => t > now - 3_600_000);
    const ok = LIMITS.every((l) => sends.filter((t) => t > now - l.windowMs).length < l.max);
    if (ok) sends.push(now);
    this.memberSends.set(userid, sends);
    return ok;
  }

  private updateCard(body: Json): Json {
    if (body.agentid !== this.opts.agentId) return { errcode: 40056, errmsg: 'invalid agentid' };
    const code = this.codes.get(String(body.response_code));
    if (!code || code.used) return { errcode: 40058, errmsg: 'invalid or used response_code' };
    if (!Array.isArray(body.userids) || body.userids.length === 0) return { errcode: 40058, errmsg: 'userids is required' };
    code.used = true;
    return {};
  }

  /** auth/getuserinfo: a code works once; unknown or spent → 40029. */
  private userInfo(code: string): Json {
    const issued = this.oauthCodes.get(code);
    if (!issued || issued.used) return { errcode: 40029, errmsg: 'invalid code' };
    issued.used = true;
    return { ...issued.who };
  }

  private robot(req: Request, res: Response): void {
    const body = req.body as { msgtype?: string; text?: { content?: string }; markdown?: { content?: string } };
    const now = this.opts.now().getTime();
    this.robotSends = this.robotSends.filter((t) => t > now - 60_000);
    const content = body.text?.content ?? body.markdown?.content ?? '';
    let answer: Json;
    if (req.query.key !== this.robotKey) answer = { errcode: 93000, errmsg: 'invalid webhook url' };
    else if (this.robotSends.length >= 20) answer = { errcode: 45009, errmsg: 'api freq out of limit' };
    else if (!content) answer = { errcode: 44004, errmsg: 'empty content' };
    else if (Buffer.byteLength(content, 'utf8') > (body.msgtype === 'markdown' ? 4096 : 2048)) answer = { errcode: 45002, errmsg: 'content too long' };
    else {
      this.robotSends.push(now);
      this.robotMessages.push(content);
      answer = { errcode: 0, errmsg: 'ok' };
    }
    this.record('webhook/send', req, answer);
    res.json(answer);
  }

  private record(api: string, req: Request, answer: Json): void {
    this.calls.push({ api, query: { ...(req.query as Record<string, string>) }, body: req.body, answer });
  }
}
