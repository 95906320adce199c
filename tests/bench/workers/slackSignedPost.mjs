// Slack-signed HTTP load generator, in its own thread so it does not share the server's event loop.
// Each request is signed when it is sent (v0 HMAC over "v0:ts:body", form-encoded as Slack posts
// interactivity), `concurrency` in flight; answers latencies and statuses.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, path, secret, concurrency, timeoutMs } = workerData;
const target = new URL(path, url);
if (target.hostname !== '127.0.0.1') throw new Error(`bench traffic must stay on 127.0.0.1, not ${target.hostname}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(body) {
  return new Promise((resolve) => {
    const data = Buffer.from(body);
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const t0 = performance.now();
    let done = false;
    const finish = (status, text) => {
      if (done) return;
      done = true;
      resolve({ status, text, ms: performance.now() - t0 });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': data.length,
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        res.on('error', (err) => finish(0, String(err)));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on('error', (err) => finish(0, String(err)));
    req.end(data);
  });
}

async function run(bodies) {
  const latencies = new Float64Array(bodies.length);
  const statuses = {};
  const failures = [];
  let next = 0;
  let n = 0;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= bodies.length) return;
      const r = await post(bodies[i]);
      latencies[n++] = r.ms;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      // Slack closes the modal on an empty 200; anything else is a failure here.
      if ((r.status !== 200 || r.text !== '') && failures.length < 5) failures.push(`${r.status} ${r.text.slice(0, 300)}`);
      if (r.status !== 200 || r.text !== '') statuses.bad = (statuses.bad ?? 0) + 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, lane));
  return { wallMs: performance.now() - t0, requests: n, latencies, statuses, failures };
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'run') {
    const result = await run(msg.bodies);
    parentPort.postMessage({ type: 'done', ...result }, [result.latencies.buffer]);
  } else if (msg.type === 'close') {
    agent.destroy();
    parentPort.close();
  }
});
