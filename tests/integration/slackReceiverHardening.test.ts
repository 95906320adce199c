import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_BODY_LIMIT_BYTES } from '../../bot/platform/slack/slackPlugin';
import { capturedLog } from '../support/capturedLog';
import { eventBody, JSON_TYPE, postSigned, signedHeaders } from '../support/slackSigner';
import { SLACK_SIGNING_SECRET, startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { streamPost } from '../support/streamPost';

const MB = 1024 * 1024;

/** Issue 14 (items 1, 2): POST /slack/events reads at most SLACK_BODY_LIMIT_BYTES and refuses in the usual shape. */
describe('POST /slack/events hardening', () => {
  let s: SlackTestApp;
  let logged: ReturnType<typeof capturedLog>;
  beforeEach(async () => {
    logged = capturedLog();
    s = await startSlackApp({ log: logged.log });
    await s.t.runJob('standup-prompt');
    await s.settle();
  });
  afterEach(async () => s.close());

  const url = () => `${s.t.url}/slack/events`;
  const now = () => Math.floor(Date.now() / 1000);
  const stored = () => s.t.sql<{ inbound: number; answers: number }>(
    `select (select count(*) from inbound_events) as inbound, (select count(*) from standup_answers) as answers`,
  )[0];
  const refusal = (code: string) => ({ error: { code, message: expect.any(String) } });

  it('refuses a declared Content-Length over the limit with 413 before reading it, and closes the connection', async () => {
    const before = stored();
    const declared = 200 * MB;
    const headers = { ...signedHeaders(SLACK_SIGNING_SECRET, '{}', JSON_TYPE), 'content-length': String(declared) };
    const res = await streamPost(url(), { headers, totalBytes: declared });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual(refusal('payload_too_large'));
    expect(res.sentBytes).toBeLessThan(declared / 4); // answered while the upload had barely begun
    expect(stored()).toEqual(before);
    expect(logged.errors()).toEqual([]);
  });

  it('cuts off a chunked 50 MB body with a bad signature once it passes the limit: 413, memory stays flat', async () => {
    const before = stored();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    try {
      const headers = signedHeaders('not-the-signing-secret', 'whatever', JSON_TYPE); // no Content-Length: chunked
      const res = await streamPost(url(), { headers, totalBytes: 50 * MB });
      expect(res.status).toBe(413);
      expect(res.headers['transfer-encoding']).toBeUndefined();
      expect(JSON.parse(res.body)).toEqual(refusal('payload_too_large'));
      expect(res.sentBytes).toBeLessThan(50 * MB);
    } finally {
      clearInterval(sampler);
    }
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    // Before the limit Bolt buffered all of it (and a string copy): hundreds of MB for a body this size.
    expect(rssPeak - rssBefore).toBeLessThan(64 * MB);
    expect(stored()).toEqual(before);
  });

  it('takes a signed body of exactly the limit (Bolt answers from the bytes read before it), refuses one byte more', async () => {
    const shell = eventBody({ type: 'url_verification', challenge: '' });
    const challenge = 'c'.repeat(SLACK_BODY_LIMIT_BYTES - Buffer.byteLength(shell));
    const atLimit = eventBody({ type: 'url_verification', challenge });
    expect(Buffer.byteLength(atLimit)).toBe(SLACK_BODY_LIMIT_BYTES);
    const ok = await postSigned(url(), SLACK_SIGNING_SECRET, atLimit, JSON_TYPE);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { challenge: string }).challenge).toBe(challenge);

    const over = await postSigned(url(), SLACK_SIGNING_SECRET, eventBody({ type: 'url_verification', challenge: `${challenge}c` }), JSON_TYPE);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual(refusal('payload_too_large'));
  });

  it('answers a bad signature, a missing one, a stale and a future timestamp with 401 in the error shape, storing nothing', async () => {
    const li = s.member('li.lei@example.com');
    const before = stored();
    const forged = await li.dm('伪造的回答', { secret: 'not-the-signing-secret' });
    expect(forged).toEqual({ status: 401, body: refusal('bad_signature') });

    const unsigned = await fetch(url(), { method: 'POST', headers: { 'content-type': JSON_TYPE, 'x-slack-request-timestamp': String(now()) }, body: '{}' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unsigned.json()).toEqual(refusal('bad_signature'));

    for (const timestamp of [now() - 305, now() + 305]) { // a margin over 300 s for whole seconds and running time
      expect(await li.dm('重放', { timestamp })).toEqual({ status: 401, body: refusal('stale_request') });
    }
    const noTimestamp = await fetch(url(), { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: '{}' });
    expect(await noTimestamp.json()).toEqual(refusal('stale_request'));

    await s.t.app.dispatcher.drain();
    expect(stored()).toEqual(before);
    expect(logged.entries.filter((e) => e.msg === 'Slack request refused').map((e) => e.reason)).toEqual([
      'bad_signature', 'bad_signature', 'stale_request', 'stale_request', 'stale_request',
    ]);
    expect(logged.errors()).toEqual([]);

    // A properly signed request still goes through, end to end.
    expect((await li.dm('完成了A')).status).toBe(200);
    expect(stored().answers).toBe(before.answers + 1);
  });
});
