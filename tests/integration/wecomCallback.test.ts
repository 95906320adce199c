import Database from 'better-sqlite3';
import { join } from 'node:path';
import { decrypt as packageDecrypt, encrypt as packageEncrypt, getSignature } from '@wecom/crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';
import { FakeWecom } from '../support/fakeWecom';
import { settle, startWecomApp, WECOM, WECOM_TEAM_CSV, wecomEnv } from '../support/wecomHarness';
import { OFFICIAL_SAMPLE, specDecrypt, specEncrypt, specSignature } from '../support/wecomSpecCrypto';

const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';

describe('the spec implementation used by the fake agrees with the official sample and with @wecom/crypto', () => {
  const s = OFFICIAL_SAMPLE;

  it('reproduces the published signatures and decrypts the published ciphertexts', () => {
    expect(specSignature(s.token, s.verify.timestamp, s.verify.nonce, s.verify.echostr)).toBe(s.verify.msgSignature);
    expect(specSignature(s.token, s.message.timestamp, s.message.nonce, s.message.encrypt)).toBe(s.message.msgSignature);
    expect(specDecrypt(s.encodingAESKey, s.verify.echostr)).toMatchObject({ message: s.verify.plain, receiveId: s.corpId });
    const msg = specDecrypt(s.encodingAESKey, s.message.encrypt);
    expect(msg.receiveId).toBe(s.corpId);
    expect(msg.message).toContain(`<Content>${s.message.content}</Content>`);
  });

  it('round-trips with the package both ways (same random → same ciphertext)', () => {
    const random = Buffer.from('0123456789abcdef');
    const text = '<xml><Content><![CDATA[本周完成了登录模块]]></Content></xml>';
    expect(specEncrypt(WECOM.aesKey, text, WECOM.corpId, random)).toBe(packageEncrypt(WECOM.aesKey, text, WECOM.corpId, random));
    expect(packageDecrypt(WECOM.aesKey, specEncrypt(WECOM.aesKey, text, WECOM.corpId)).message).toBe(text);
    expect(specDecrypt(WECOM.aesKey, packageEncrypt(WECOM.aesKey, text, WECOM.corpId)).message).toBe(text);
    expect(getSignature('t', '1', 'n', 'abc')).toBe(specSignature('t', '1', 'n', 'abc'));
  });
});

describe('the app answers the official sample requests', () => {
  let t: TestApp;
  let fake: FakeWecom;
  const s = OFFICIAL_SAMPLE;
  beforeEach(async () => {
    const clock = new TestClock('2026-11-27T07:00:00Z');
    fake = await FakeWecom.start({ corpId: s.corpId, secret: 'sample-secret', agentId: Number(s.message.agentId), now: clock.now });
    const env = { ...wecomEnv(fake), WECOM_CORP_ID: s.corpId, WECOM_TOKEN: s.token, WECOM_AES_KEY: s.encodingAESKey, WECOM_SECRET: 'sample-secret', WECOM_AGENT_ID: s.message.agentId };
    t = await TestApp.start({ clock, env });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.destroy();
    await fake.close();
  });

  it('verifies the URL with the published echostr and records the published text message', async () => {
    // The sample was signed in October 2016 and the app holds the timestamp to five minutes of the machine's
    // clock: set that clock (Date only; timers stay real) to just after the sample was sent.
    vi.useFakeTimers({ toFake: ['Date'], now: Number(s.verify.timestamp) * 1000 + 2000 });
    const v = s.verify;
    const res = await fetch(`${t.url}/wecom/callback?msg_signature=${v.msgSignature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${encodeURIComponent(v.echostr)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(v.plain); // exactly the plaintext: no quotes, no newline

    const m = s.message;
    const body = `<xml><ToUserName><![CDATA[${s.corpId}]]></ToUserName>\n<Encrypt><![CDATA[${m.encrypt}]]></Encrypt>\n<AgentID><![CDATA[${m.agentId}]]></AgentID>\n</xml>`;
    vi.setSystemTime(Number(m.timestamp) * 1000 + 2000);
    const post = await fetch(`${t.url}/wecom/callback?msg_signature=${m.msgSignature}&timestamp=${m.timestamp}&nonce=${m.nonce}`, { method: 'POST', body });
    vi.useRealTimers();
    expect(post.status).toBe(200);
    expect(await post.text()).toBe('');
    const [row] = t.sql<{ dedupe_key: string; xml: string }>('select dedupe_key, xml from wecom_inbound');
    expect(row.dedupe_key).toBe(`msg:${m.msgId}`);
    expect(row.xml).toContain(`<FromUserName>${m.from}</FromUserName>`);
  });
});

describe('WeCom callback receiver', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  const stored = () => w.t.sql<{ inbound: number; events: number }>(
    `select (select count(*) from wecom_inbound) as inbound, (select count(*) from inbound_events) as events`,
  )[0];

  beforeEach(async () => {
    w = await startWecomApp();
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
  });
  afterEach(async () => w.destroy());

  it('echoes the decrypted echostr, and refuses a URL verification that is not signed or not for this corp', async () => {
    const ok = await w.callbacks.verify('6235081270932164');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('6235081270932164');
    expect((await w.callbacks.verify('1', { signature: 'f'.repeat(40) })).status).toBe(401);
    expect((await w.callbacks.verify('1', { receiveId: 'wwSomeOtherCorp' })).status).toBe(403);
    expect((await fetch(`${w.t.url}/wecom/callback?timestamp=1`)).status).toBe(400);
  });

  it('refuses a bad signature, another corp id and malformed XML, storing nothing', async () => {
    const xml = w.callbacks.textXml('LiLei', 'hello');
    const badSignature = await w.callbacks.post(xml, { signature: '0'.repeat(40) });
    expect(badSignature.status).toBe(401);
    expect(await badSignature.text()).not.toMatch(/at .*\.ts/); // a reason, never a stack

    expect((await w.callbacks.post(xml, { receiveId: 'wwSomeOtherCorp' })).status).toBe(403);
    expect((await w.callbacks.post(xml, { body: '<xml><Encrypt><![CDATA[abc' })).status).toBe(400); // envelope not XML
    expect((await w.callbacks.post(xml, { body: '<xml><ToUserName>x</ToUserName></xml>' })).status).toBe(400); // no Encrypt
    expect((await w.callbacks.post('<xml><FromUserName>LiLei</FromUserName><Content>hi</xml>')).status).toBe(400); // inner not XML
    expect((await w.callbacks.post('<xml><Content>hi</Content></xml>')).status).toBe(400); // inner lacks the basics
    expect((await w.callbacks.postRaw('timestamp=1&nonce=2', '<xml/>')).status).toBe(400);
    await settle(w.t);
    expect(stored()).toEqual({ inbound: 0, events: 0 });
    expect(w.fake.sends()).toHaveLength(0);
  });

  it('processes a retried callback once (same MsgId), answering every copy 200 with an empty body', async () => {
    w.clock.set(FRIDAY_PROMPT);
    await w.t.runJob('standup-prompt');
    await settle(w.t);
    const before = w.fake.messagesTo('LiLei').length;

    const xml = w.callbacks.textXml('LiLei', '完成了登录模块重构', '8812345678901234567');
    const answers = await Promise.all([w.callbacks.post(xml), w.callbacks.post(xml), w.callbacks.post(xml)]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    await settle(w.t);
    expect(w.t.sql('select answer from standup_answers')).toEqual([{ answer: '完成了登录模块重构' }]);
    expect(stored()).toEqual({ inbound: 1, events: 0 }); // the inbox row is the event's one record
    expect(w.t.sql(`select dedupe_key, outcome from wecom_inbound`)).toEqual([{ dedupe_key: 'msg:8812345678901234567', outcome: 'handled' }]);
    expect(w.fake.messagesTo('LiLei').length - before).toBe(1); // one reply: question 2
  });

  it('processes, at the next start, an event recorded just before a crash', async () => {
    w.clock.set(FRIDAY_PROMPT);
    await w.t.runJob('standup-prompt');
    await settle(w.t);
    await w.t.stop();
    // the receiver had stored it and answered 200, then the process died before processing it
    const db = new Database(join(w.t.dir, 'perf.db'));
    db.prepare(`insert into wecom_inbound (dedupe_key, xml, received_at) values (?, ?, ?)`).run('msg:42', w.callbacks.textXml('hanmeimei', '写了接口文档', '42'), FRIDAY_PROMPT);
    db.close();
    const again = await TestApp.start({ clock: w.clock, dir: w.t.dir, env: wecomEnv(w.fake) });
    w.t = again;
    await settle(again);
    expect(again.sql(`select outcome from wecom_inbound`)).toEqual([{ outcome: 'handled' }]);
    expect(again.sql(`select answer from standup_answers`)).toEqual([{ answer: '写了接口文档' }]);
    expect(w.fake.messagesTo('hanmeimei').at(-1)!.card!.main_title!.title).toBe('问题 2/3：遇到哪些障碍？');
  });

  it('records a message from someone it does not know, and answers 200', async () => {
    const res = await w.callbacks.text('stranger', 'hi');
    expect(res.status).toBe(200);
    await settle(w.t);
    expect(w.t.sql('select outcome from wecom_inbound')).toEqual([{ outcome: 'unknown_user' }]);
  });
});
