// HTTP load generator, in its own thread so it does not share the server's event loop.
// `concurrency` lanes each take the next person and post that person's texts one after another,
// so a person's own messages stay in order while up to `concurrency` requests are in flight.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, path, headers, concurrency, timeoutMs } = workerData;
const target = new URL(path, url);
if (target.hostname !== '127.0.0.1') throw new Error(`bench traffic must stay on 127.0.0.1, not ${target.hostname}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(body) {
  return new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body));
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
        headers: { ...headers, 'content-type': 'application/json', 'content-length': data.length },
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

async function run(persons) {
  const total = persons.reduce((s, p) => s + p.texts.length, 0);
  const latencies = new Float64Array(total);
  const statuses = {};
  const failures = [];
  let n = 0;
  let next = 0;
  const lane = async () => {
    for (;;) {
      const person = persons[next++];
      if (!person) return;
      for (const text of person.texts) {
        const r = await post({ employee: person.email, text });
        latencies[n++] = r.ms;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        let ok = false;
        if (r.status === 200) {
          try {
            ok = JSON.parse(r.text).ok === true;
          } catch {
            ok = false;
          }
        }
        if (!ok && failures.length < 5) failures.push(`${person.email} "${text}": ${r.status} ${r.text.slice(0, 300)}`);
        if (!ok) statuses.bad = (statuses.bad ?? 0) + 1;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, persons.length) }, lane));
  const wallMs = performance.now() - t0;
  return { wallMs, requests: n, latencies, statuses, failures };
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'run') {
    const result = await run(msg.persons);
    parentPort.postMessage({ type: 'done', ...result }, [result.latencies.buffer]);
  } else if (msg.type === 'close') {
    agent.destroy();
    parentPort.close();
  }
});
