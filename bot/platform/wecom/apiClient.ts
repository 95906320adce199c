import type { Logger } from '../../logger';
import { keepAliveFetch } from '../keepAliveFetch';
import { WecomApiError } from './apiErrors';

export interface WecomClientOptions {
  /** WECOM_API_BASE, e.g. https://qyapi.weixin.qq.com (tests: the local fake). */
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
  now: () => Date;
  log: Logger;
  timeoutMs?: number;
}

export interface SendResult {
  msgid?: string;
  /** Lower-cased userids WeCom did not deliver to (left, not activated, outside the visible range). */
  invalidUsers: string[];
  /** Only for cards with buttons; spends once on update_template_card. */
  responseCode?: string;
}

export interface WecomDepartment {
  id: number;
  name: string;
  parentid: number;
  department_leader?: string[];
}

export interface WecomUser {
  userid: string;
  name: string;
  department?: number[];
  main_department?: number;
  direct_leader?: string[];
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  status?: number;
  email?: string;
  biz_mail?: string;
}

type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>;

/**
 * The one place that talks to qyapi. Holds the access token (cached until shortly before it expires, one
 * refresh shared by concurrent callers, refreshed once more when WeCom says 40014/42001) and turns every
 * errcode into a WecomApiError.
 */
export class WecomClient {
  private token?: { value: string; expiresAt: number };
  private refreshing?: Promise<string>;
  private readonly base: string;
  /** node:http(s) with keep-alive (keepAliveFetch.ts): a message/send through the global fetch cost ~4× the CPU. */
  private readonly fetch = keepAliveFetch();

  constructor(private readonly opts: WecomClientOptions) {
    this.base = opts.apiBase.replace(/\/+$/, '');
  }

  get agentId(): number {
    return this.opts.agentId;
  }

  /** message/send; `agentid` is added here. */
  async sendMessage(message: Record<string, unknown>): Promise<SendResult> {
    const a = await this.call('POST', '/cgi-bin/message/send', { body: { ...message, agentid: this.opts.agentId } });
    const invalid = typeof a.invaliduser === 'string' && a.invaliduser ? a.invaliduser.split('|') : [];
    return {
      msgid: typeof a.msgid === 'string' ? a.msgid : undefined,
      invalidUsers: invalid.map((u) => u.toLowerCase()),
      responseCode: typeof a.response_code === 'string' && a.response_code ? a.response_code : undefined,
    };
  }

  /** Replaces a clicked card's buttons with one grey label, spending the click's response_code. */
  async updateCardButton(userid: string, responseCode: string, label: string): Promise<void> {
    await this.call('POST', '/cgi-bin/message/update_template_card', {
      body: { userids: [userid], agentid: this.opts.agentId, response_code: responseCode, button: { replace_name: label } },
    });
  }

  /** Every department within the app's visible range. */
  async departments(): Promise<WecomDepartment[]> {
    const a = await this.call('GET', '/cgi-bin/department/list');
    return (a.department as WecomDepartment[] | undefined) ?? [];
  }

  /** Members of one department (not of its children), with their leaders and status. */
  async usersOf(departmentId: number): Promise<WecomUser[]> {
    const a = await this.call('GET', '/cgi-bin/user/list', { query: { department_id: String(departmentId) } });
    return (a.userlist as WecomUser[] | undefined) ?? [];
  }

  /**
   * auth/getuserinfo: who opened the OAuth link (网页授权) that gave this code. A member of the company has a
   * `userid`; someone outside it only an `openid`. The code works once (a reused or expired one is 40029).
   */
  async getUserInfoByCode(code: string): Promise<{ userid?: string; openid?: string }> {
    const a = await this.call('GET', '/cgi-bin/auth/getuserinfo', { query: { code } });
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    return { userid: text(a.userid), openid: text(a.openid) };
  }

  /** A group robot (WECOM_ROBOT_WEBHOOK): the key is in the URL, no access token. */
  async postRobot(webhookUrl: string, body: Record<string, unknown>): Promise<void> {
    const answer = await this.fetchJson('webhook/send', new URL(webhookUrl), 'POST', body);
    if (answer.errcode) throw new WecomApiError('webhook/send', answer.errcode, String(answer.errmsg ?? ''));
  }

  /** Calls a qyapi method with the access token; on 40014/42001 refreshes the token once and tries again. */
  async call(method: 'GET' | 'POST', path: string, opts: { query?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
    const api = path.replace('/cgi-bin/', '');
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const url = new URL(this.base + path);
      url.searchParams.set('access_token', token);
      for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
      const answer = await this.fetchJson(api, url, method, opts.body);
      if (!answer.errcode) return answer;
      const err = new WecomApiError(api, answer.errcode, String(answer.errmsg ?? ''));
      if (!err.isTokenProblem || attempt > 0) throw err;
      this.opts.log.info({ api, errcode: answer.errcode }, 'WeCom token rejected; refreshing once');
      this.forget(token);
    }
  }

  /** The cached token, or one fresh token fetched once for all concurrent callers. */
  async accessToken(): Promise<string> {
    if (this.token && this.opts.now().getTime() < this.token.expiresAt) return this.token.value;
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Drops the cached token if it is still the one WeCom rejected (a concurrent caller may have refreshed it). */
  private forget(rejected: string): void {
    if (this.token?.value === rejected) this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(`${this.base}/cgi-bin/gettoken`);
    url.searchParams.set('corpid', this.opts.corpId);
    url.searchParams.set('corpsecret', this.opts.secret);
    const a = await this.fetchJson('gettoken', url, 'GET');
    if (a.errcode || typeof a.access_token !== 'string') throw new WecomApiError('gettoken', a.errcode ?? null, String(a.errmsg ?? 'no access_token'));
    const lifetime = Number(a.expires_in) || 7200;
    // Renew 5 minutes early (or halfway for short lifetimes): a token used at its last second fails mid-call.
    const margin = Math.min(300, lifetime / 2);
    this.token = { value: a.access_token, expiresAt: this.opts.now().getTime() + (lifetime - margin) * 1000 };
    return a.access_token;
  }

  private async fetchJson(api: string, url: URL, method: 'GET' | 'POST', body?: unknown): Promise<Answer> {
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new WecomApiError(api, null, `request failed: ${(err as Error).message}`);
    }
    if (!res.ok) throw new WecomApiError(api, null, `HTTP ${res.status}`);
    try {
      return (await res.json()) as Answer;
    } catch {
      throw new WecomApiError(api, null, 'the answer was not JSON');
    }
  }
}
