import { randomBytes } from 'node:crypto';
import type { Logger } from '../../bot/logger';
import { TestClock } from './clock';
import { FakeWecom, type FakeUser } from './fakeWecom';
import { PEOPLE_HEADER, TestApp } from './harness';
import { specEncrypt, specSignature } from './wecomSpecCrypto';

/** The test app's WeCom settings (EncodingAESKey: 32 fixed bytes, base64 without the trailing "="). */
export const WECOM = {
  corpId: 'ww7e57c0ffee000001',
  agentId: 1000002,
  secret: 'test-app-secret',
  token: 'testCallbackToken',
  aesKey: Buffer.alloc(32, 7).toString('base64').replace(/=+$/, ''),
};

/** The team of tests/support/harness.ts, with WeCom userids. */
export const WECOM_TEAM_CSV = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,wangfang,manager',
  'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,LiLei,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,hanmeimei,employee',
  'E4,Kevin Li,kevin.li@example.com,研发中心/后端组,wang.fang@example.com,rnd,America/Los_Angeles,en,,kevinli,employee',
].join('\n');

export const WECOM_TEAM_USERS: FakeUser[] = ['wangfang', 'LiLei', 'hanmeimei', 'kevinli'].map((userid) => ({ userid, name: userid, department: [2] }));

export function wecomEnv(fake: Pick<FakeWecom, 'url' | 'robotUrl'>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: WECOM.corpId,
    WECOM_AGENT_ID: String(WECOM.agentId),
    WECOM_SECRET: WECOM.secret,
    WECOM_TOKEN: WECOM.token,
    WECOM_AES_KEY: WECOM.aesKey,
    WECOM_API_BASE: fake.url,
    WECOM_ROBOT_WEBHOOK: fake.robotUrl,
    ...extra,
  };
}

/** A running app wired to a fresh fake qyapi, and a client that sends it encrypted callbacks. */
export async function startWecomApp(opts: { clock?: TestClock; env?: Record<string, string>; users?: FakeUser[]; log?: Logger } = {}) {
  const clock = opts.clock ?? new TestClock('2026-11-27T07:00:00Z');
  const fake = await FakeWecom.start({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId, now: clock.now });
  fake.addUsers(...(opts.users ?? WECOM_TEAM_USERS));
  const t = await TestApp.start({ clock, env: wecomEnv(fake, opts.env), log: opts.log });
  const callbacks = new WecomCallbacks(t.url, clock);
  return {
    t,
    fake,
    callbacks,
    clock,
    async destroy() {
      await this.t.destroy();
      await fake.close();
    },
  };
}

/** WeCom's side of the callback: builds inner XML, encrypts it (spec implementation) and POSTs it, signed. */
export class WecomCallbacks {
  private msgId = 7_000_000_000_000_000_000n;

  constructor(
    private readonly appUrl: string,
    private readonly clock: { now: () => Date },
    private readonly settings = WECOM,
  ) {}

  textXml(from: string, content: string, msgId = String(++this.msgId)): string {
    return `<xml><ToUserName><![CDATA[${this.settings.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${this.createTime()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>${this.settings.agentId}</AgentID></xml>`;
  }

  clickXml(from: string, taskId: string, eventKey: string, responseCode: string): string {
    return `<xml><ToUserName><![CDATA[${this.settings.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${this.createTime()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${this.settings.agentId}</AgentID></xml>`;
  }

  text(from: string, content: string, msgId?: string): Promise<Response> {
    return this.post(this.textXml(from, content, msgId));
  }

  click(from: string, taskId: string, eventKey: string, responseCode: string): Promise<Response> {
    return this.post(this.clickXml(from, taskId, eventKey, responseCode));
  }

  /**
   * POSTs an inner message; `tamper` can change the receive id, the signature, the body or the signed timestamp
   * (unix seconds) on the way.
   */
  post(inner: string, tamper: { receiveId?: string; signature?: string; body?: string; timestamp?: number } = {}): Promise<Response> {
    const encrypted = specEncrypt(this.settings.aesKey, inner, tamper.receiveId ?? this.settings.corpId);
    const timestamp = String(tamper.timestamp ?? wallClockSeconds());
    const nonce = randomBytes(5).toString('hex');
    const signature = tamper.signature ?? specSignature(this.settings.token, timestamp, nonce, encrypted);
    const body = tamper.body ?? `<xml><ToUserName><![CDATA[${this.settings.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${this.settings.agentId}]]></AgentID></xml>`;
    return this.postRaw(`msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, body);
  }

  postRaw(query: string, body: string): Promise<Response> {
    return fetch(`${this.appUrl}/wecom/callback?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  }

  /** URL verification as WeCom does it when the callback URL is saved (echostr URL-encoded). */
  verify(echo: string, tamper: { receiveId?: string; signature?: string; timestamp?: number } = {}): Promise<Response> {
    const echostr = specEncrypt(this.settings.aesKey, echo, tamper.receiveId ?? this.settings.corpId);
    const timestamp = String(tamper.timestamp ?? wallClockSeconds());
    const nonce = 'n0nce';
    const signature = tamper.signature ?? specSignature(this.settings.token, timestamp, nonce, echostr);
    return fetch(`${this.appUrl}/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`);
  }

  /** The message's CreateTime follows the test clock (it only feeds the event dedupe key); the query timestamp does not. */
  private createTime(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

/**
 * The query `timestamp` WeCom signs is when it sent the request; the app holds it to a window around the
 * machine's wall clock (not the movable test clock), so it comes from the wall clock here too.
 */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Waits until WeCom callbacks are processed, due deliveries sent and due card updates made (processing runs
 * in the app right after each 200, so tests wait for its effects rather than for the HTTP answer).
 */
export async function settle(t: TestApp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.app.dispatcher.drain();
    const now = t.clock.now().toISOString();
    const [busy] = t.sql<{ inbound: number; out: number; cards: number }>(
      `select (select count(*) from wecom_inbound where processed_at is null and attempts < 5) as inbound,
              (select count(*) from deliveries where status = 'pending' and next_attempt_at <= ?) as out,
              (select count(*) from wecom_card_updates where status = 'due' and next_attempt_at <= ?) as cards`,
      now,
      now,
    );
    if (busy.inbound + busy.out + busy.cards === 0) return;
    if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs} ms: ${JSON.stringify(busy)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
