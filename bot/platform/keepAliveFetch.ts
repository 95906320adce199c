import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

type Fetch = typeof globalThis.fetch;

/**
 * The `fetch` the platform clients call their APIs with: Bolt's WebClient (its documented `fetch` option, "a custom
 * fetch implementation … to configure … transport-level behavior") and the WeCom qyapi client. They send a GET or a
 * POST with a string body, plain-object headers and a timeout signal, and read the status, a header or two and the
 * JSON text of the answer. Those calls go out through node:http(s) with keep-alive agents and come back as a real
 * `Response`; anything else (a FormData upload, a Request object, Headers) goes to the global fetch. No redirect is
 * followed (the WebClient asks for `redirect: 'error'`; qyapi never redirects). Measured alone, 16 in flight against
 * a local server: chat.update through the WebClient 460-599 µs of CPU per call with the global fetch (undici),
 * 283-383 µs with this; the bare POST by node:http 89 µs, by fetch 374-519 µs (docs/performance.md, perf-platforms2).
 */
export function keepAliveFetch(): Fetch {
  // No cap on sockets per host (as undici's pool): the outbox's concurrency and token bucket bound what is in flight.
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    const body = init?.body;
    const headers = init?.headers;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (body != null && typeof body !== 'string') || (headers != null && (headers instanceof Headers || Array.isArray(headers)))) {
      return globalThis.fetch(input, init);
    }
    const payload = body == null ? undefined : Buffer.from(body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, {
        method: init?.method ?? 'GET',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { ...(headers as Record<string, string> | undefined), ...(payload ? { 'content-length': String(payload.length) } : {}) },
        signal: init?.signal ?? undefined,
      });
      req.once('response', resolve);
      req.once('error', reject);
      req.end(payload);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    // Slack's Web API answers 200 (or 429 with Retry-After); a redirect is an error here as with redirect: 'error',
    // and otherwise handed back as it came (never followed).
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && init?.redirect === 'error') throw new TypeError(`fetch failed: redirected to ${res.headers.location ?? '?'}`);
    const out = new Headers();
    for (let i = 0; i < res.rawHeaders.length; i += 2) out.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
    const nullBody = status === 204 || status === 205 || status === 304;
    return new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: out });
  }) as Fetch;
}
