import { webApi } from '@slack/bolt';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../bot/platform/keepAliveFetch';
import { closeNow, listenOnLoopback } from '../support/loopback';

/** A Web API stand-in on 127.0.0.1 that checks every request the way Slack would read it, then answers as told. */
interface Seen {
  method: string;
  path: string;
  contentType: string;
  auth: string;
  body: string;
}
function fakeWebApi(answer: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const problems: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const s: Seen = { method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'] ?? '', auth: req.headers.authorization ?? '', body };
      if (s.method !== 'POST') problems.push(`method ${s.method}`);
      if (s.auth !== 'Bearer xoxb-test') problems.push(`authorization ${s.auth}`);
      const declared = req.headers['content-length'];
      if (req.headers['transfer-encoding'] === undefined && Number(declared) !== Buffer.byteLength(body)) problems.push(`content-length ${declared} for ${Buffer.byteLength(body)} bytes`);
      seen.push(s);
      answer(s, res);
    });
  });
  return { server, seen, problems };
}
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

describe('keepAliveFetch, the platform clients\' transport, under Bolt\'s WebClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await closeNow(server);
    server = undefined;
  });
  const start = async (fake: ReturnType<typeof fakeWebApi>, timeout = 10_000) => {
    const up = await listenOnLoopback(fake.server);
    server = up.server;
    return new webApi.WebClient('xoxb-test', { slackApiUrl: `${up.url}/api/`, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout, logLevel: webApi.LogLevel.ERROR, fetch: keepAliveFetch() });
  };

  it('posts the form-encoded call with its token and length, and gives the WebClient the JSON answer', async () => {
    const fake = fakeWebApi((s, res) => json(res, 200, { ok: true, channel: 'D1', ts: '1700000000.000100', echo: Object.fromEntries(new URLSearchParams(s.body)) }));
    const client = await start(fake);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*完成* — 1 & 2 = 3' } }];
    const r = await client.chat.update({ channel: 'D1', ts: '1700000000.000100', text: '周报 ✓', blocks });
    expect(fake.problems).toEqual([]);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0].path).toBe('/api/chat.update');
    expect(fake.seen[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(r.ok).toBe(true);
    expect(r.ts).toBe('1700000000.000100');
    expect((r as unknown as { echo: Record<string, string> }).echo).toMatchObject({ channel: 'D1', text: '周报 ✓', blocks: JSON.stringify(blocks) });
    // keep-alive: the next calls reuse the connection (the server sees them all, the answers come back in order)
    const again = await Promise.all([1, 2, 3].map((i) => client.chat.postMessage({ channel: 'D1', text: `n${i}` })));
    expect(again.map((a) => (a as unknown as { echo: { text: string } }).echo.text)).toEqual(['n1', 'n2', 'n3']);
    expect(fake.problems).toEqual([]);
  });

  it('hands a 429 back with its Retry-After (the outbox defers), and a Slack error code as a platform error', async () => {
    const fake = fakeWebApi((s, res) =>
      s.path.endsWith('chat.postMessage') ? json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' }) : json(res, 200, { ok: false, error: 'channel_not_found' }),
    );
    const client = await start(fake);
    await expect(client.chat.postMessage({ channel: 'D1', text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    await expect(client.chat.update({ channel: 'D1', ts: '1.2', text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.PlatformError, data: { error: 'channel_not_found' } });
    expect(fake.problems).toEqual([]);
  });

  it('gives up on an answer that does not come within the timeout, and follows no redirect', async () => {
    const fake = fakeWebApi((s, res) => {
      if (s.path.endsWith('chat.postMessage')) return; // never answers
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    const client = await start(fake, 300);
    const t0 = Date.now();
    await expect(client.chat.postMessage({ channel: 'D1', text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(Date.now() - t0).toBeLessThan(5_000);
    await expect(client.chat.update({ channel: 'D1', ts: '1.2', text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(fake.seen.map((s) => s.path)).toEqual(['/api/chat.postMessage', '/api/chat.update']);
  });

  it('leaves what is not a string body (a file upload\'s FormData) to the global fetch', async () => {
    const fake = fakeWebApi((s, res) => json(res, 200, { ok: true, got: s.contentType.split(';')[0], hasFile: s.body.includes('hello file') }));
    const client = await start(fake);
    const r = (await client.apiCall('files.upload', { channels: 'D1', file: Buffer.from('hello file'), filename: 'a.txt' })) as unknown as { got: string; hasFile: boolean };
    expect(r).toMatchObject({ got: 'multipart/form-data', hasFile: true });
    expect(fake.problems).toEqual([]);
  });
});
