import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WECOM_BODY_LIMIT_BYTES } from '../../bot/platform/wecom/callbackRoute';
import { WECOM_CALLBACK_WINDOW_SECONDS } from '../../bot/platform/wecom/callbackWindow';
import { capturedLog } from '../support/capturedLog';
import { streamPost } from '../support/streamPost';
import { settle, startWecomApp, wallClockSeconds, WECOM, WECOM_TEAM_CSV } from '../support/wecomHarness';
import { specEncrypt, specSignature } from '../support/wecomSpecCrypto';

const MB = 1024 * 1024;

/** Issue 14 (items 1–4) for POST/GET /wecom/callback. */
describe('WeCom callback hardening', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let logged: ReturnType<typeof capturedLog>;
  beforeEach(async () => {
    logged = capturedLog();
    w = await startWecomApp({ log: logged.log });
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
  });
  afterEach(async () => w.destroy());

  const stored = () => w.t.sql<{ inbound: number; events: number }>(
    `select (select count(*) from wecom_inbound) as inbound, (select count(*) from inbound_events) as events`,
  )[0];
  const refusal = (code: string) => ({ error: { code, message: expect.any(String) } });
  const refusedLines = () => logged.entries.filter((e) => e.msg === 'WeCom callback refused');
  /** A query WeCom would send for this ciphertext, signed at `timestamp` (default: now on the wall clock). */
  const signedQuery = (encrypted: string, timestamp = wallClockSeconds()) => {
    const nonce = 'n0nce42';
    return `msg_signature=${specSignature(WECOM.token, String(timestamp), nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`;
  };
  const envelope = (encrypted: string) => `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${WECOM.agentId}]]></AgentID></xml>`;

  it('refuses a declared Content-Length over 256 KB with 413 before reading it, and a chunked 50 MB body once it passes the limit', async () => {
    const url = `${w.t.url}/wecom/callback?${signedQuery('AAAA')}`;
    const declared = await streamPost(url, { headers: { 'content-type': 'text/xml', 'content-length': String(200 * MB) }, totalBytes: 200 * MB });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    expect(JSON.parse(declared.body)).toEqual(refusal('payload_too_large'));
    expect(declared.sentBytes).toBeLessThan(50 * MB);

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    try {
      const chunked = await streamPost(url, { headers: { 'content-type': 'text/xml' }, totalBytes: 50 * MB });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toEqual(refusal('payload_too_large'));
    } finally {
      clearInterval(sampler);
    }
    expect(Math.max(rssPeak, process.memoryUsage().rss) - rssBefore).toBeLessThan(64 * MB);

    // One byte over the limit, sent whole by an ordinary client: the same answer.
    const over = await w.callbacks.postRaw(signedQuery('AAAA'), 'x'.repeat(WECOM_BODY_LIMIT_BYTES + 1));
    expect(over.status).toBe(413);
    await settle(w.t);
    expect(stored()).toEqual({ inbound: 0, events: 0 });
    expect(logged.errors()).toEqual([]);
  });

  it('answers a bad signature with 401 in the error shape, and a stale or future timestamp with 401 even when signed', async () => {
    const xml = w.callbacks.textXml('LiLei', 'hello');
    const bad = await w.callbacks.post(xml, { signature: '0'.repeat(40) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await bad.json()).toEqual(refusal('bad_signature'));

    const off = WECOM_CALLBACK_WINDOW_SECONDS + 5; // a margin: whole seconds and running time must not bring it back inside
    for (const timestamp of [wallClockSeconds() - off, wallClockSeconds() + off]) {
      const post = await w.callbacks.post(xml, { timestamp });
      expect(post.status).toBe(401);
      expect(await post.json()).toEqual(refusal('stale_request'));
      const verify = await w.callbacks.verify('6235081270932164', { timestamp });
      expect(verify.status).toBe(401);
      expect(await verify.json()).toEqual(refusal('stale_request'));
    }
    // The other corp's payload and the missing parameter are refused in the same shape.
    expect(await (await w.callbacks.post(xml, { receiveId: 'wwSomeOtherCorp' })).json()).toEqual(refusal('wrong_corp'));
    expect(await (await w.callbacks.postRaw('timestamp=1&nonce=2', '<xml/>')).json()).toEqual(refusal('missing_parameter'));

    await settle(w.t);
    expect(stored()).toEqual({ inbound: 0, events: 0 });
    expect(refusedLines().map((e) => [e.status, e.reason])).toEqual([
      [401, 'bad_signature'], [401, 'stale_request'], [401, 'stale_request'], [401, 'stale_request'], [401, 'stale_request'], [403, 'wrong_corp'], [400, 'missing_parameter'],
    ]);

    // Within the window, either side, the same callback is welcome; the MsgId dedupe still holds.
    const near = WECOM_CALLBACK_WINDOW_SECONDS - 60;
    const msg = w.callbacks.textXml('LiLei', 'hello', '9912345');
    for (const timestamp of [wallClockSeconds() + near, wallClockSeconds() - near, wallClockSeconds()]) {
      const res = await w.callbacks.post(msg, { timestamp });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    await settle(w.t);
    expect(w.t.sql(`select dedupe_key from wecom_inbound`)).toEqual([{ dedupe_key: 'msg:9912345' }]);
  });

  it('refuses an unsigned XXE or billion-laughs body with 400 before any XML parse: nothing stored, no error logged', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>`;
    const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE xml [${lol}]><xml><Encrypt>&lol9;</Encrypt></xml>`;
    for (const body of [xxe, laughs]) {
      const res = await w.callbacks.postRaw(`msg_signature=${'0'.repeat(40)}&timestamp=${wallClockSeconds()}&nonce=1`, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(refusal('doctype_refused'));
    }
    // Not base64, two <Encrypt> elements, or no envelope at all: malformed, refused before the signature check.
    const q = `msg_signature=${'0'.repeat(40)}&timestamp=${wallClockSeconds()}&nonce=1`;
    for (const body of ['<xml><Encrypt><![CDATA[abc<def>]]></Encrypt></xml>', '<xml><Encrypt>QUJD</Encrypt><Encrypt>QUJD</Encrypt></xml>', 'not xml']) {
      expect(await (await w.callbacks.postRaw(q, body)).json()).toEqual(refusal('malformed_envelope'));
    }
    await settle(w.t);
    expect(stored()).toEqual({ inbound: 0, events: 0 });
    expect(logged.errors()).toEqual([]);
    const lines = refusedLines();
    expect(lines.map((e) => e.reason)).toEqual(['doctype_refused', 'doctype_refused', 'malformed_envelope', 'malformed_envelope', 'malformed_envelope']);
    expect(lines.every((e) => e.ip === '127.0.0.1' || e.ip === '::ffff:127.0.0.1')).toBe(true);
    expect(lines.some((e) => 'err' in e || 'stack' in e)).toBe(false);
  });

  it('refuses a signed message whose decrypted XML declares entities, and parses a plain (non-CDATA) <Encrypt>', async () => {
    const inner = `<!DOCTYPE xml [<!ENTITY a "LiLei">]><xml><FromUserName>&a;</FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>x</Content><MsgId>1</MsgId></xml>`;
    const encrypted = specEncrypt(WECOM.aesKey, inner, WECOM.corpId);
    const res = await w.callbacks.postRaw(signedQuery(encrypted), envelope(encrypted));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(refusal('doctype_refused'));
    expect(stored()).toEqual({ inbound: 0, events: 0 });

    const good = specEncrypt(WECOM.aesKey, w.callbacks.textXml('LiLei', 'hello', '4242'), WECOM.corpId);
    const plain = await w.callbacks.postRaw(signedQuery(good), `<xml>\n  <Encrypt>${good}</Encrypt>\n</xml>`);
    expect(plain.status).toBe(200);
    await settle(w.t);
    expect(w.t.sql(`select dedupe_key, outcome from wecom_inbound`)).toEqual([{ dedupe_key: 'msg:4242', outcome: 'handled' }]);
    expect(logged.errors()).toEqual([]);
  });
});
