// WeCom's side of the callback bench, in its own thread so it does not share the server's event loop:
// POSTs prepared (already encrypted and signed) callbacks with `concurrency` in flight and times each answer.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, concurrency, timeoutMs } = workerData;
const target = new URL(url);
if (target.hostname !== '127.0.0.1') throw new Error(`bench traffic must stay on 127.0.0.1, not ${target.hostname}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(path, body) {
  return new Promise((resolve) => {
    const data = Buffer.from(body);
    const t0 = performance.now();
    let done = false;
    const finish = (status, text) => {
      if (done) return;
      done = true;
      resolve({ status, text, ms: performance.now() - t0 });
    };
    const req = http.request(
      { host: '127.0.0.1', port: Number(target.port), path, method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': data.length } },
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

async function run(requests) {
  const latencies = new Float64Array(requests.length);
  const statuses = {};
  const failures = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const r = await post(requests[i].path, requests[i].body);
      latencies[i] = r.ms;
      // WeCom expects 200 with an empty body
      const ok = r.status === 200 && r.text === '';
      statuses[ok ? 'ok' : r.status] = (statuses[ok ? 'ok' : r.status] ?? 0) + 1;
      if (!ok && failures.length < 5) failures.push(`${r.status} ${r.text.slice(0, 200)}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  return { wallMs: performance.now() - t0, latencies, statuses, failures };
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'run') {
    const result = await run(msg.requests);
    parentPort.postMessage(result, [result.latencies.buffer]);
  } else if (msg.type === 'close') {
    agent.destroy();
    parentPort.close();
  }
});
