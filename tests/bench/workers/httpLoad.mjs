// The HTTP load loop every bench client shares, run in a process of its own (forked by loadClient.ts) so that it
// shares neither the server's event loop nor its memory. A scenario worker (answersPost.mjs, slackSignedPost.mjs, wecomCallbacks.mjs) only says how to
// build one request and whether its response counts as good; this module does the rest: one keep-alive agent,
// `concurrency` lanes, each taking the next job and sending that job's requests one after another (so a job's
// own requests stay in order while up to `concurrency` are in flight), every latency recorded, statuses counted.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {{ path: string, headers: Record<string, string>, body: string | Buffer, label?: string }} Request
 * @typedef {{ status: number, text: string, ms: number }} Response
 * @typedef {{
 *   build: (step: any) => Request,
 *   good: (r: Response) => boolean,
 *   steps?: (job: any) => any[],
 * }} Scenario
 */

/** What the parent gave this client: url, concurrency, timeoutMs and the scenario's own fields (loadClient.ts). */
export const clientData = JSON.parse(process.env.BENCH_CLIENT_DATA ?? '{}');

/**
 * Serves `run` / `close` messages from the parent (IPC) with the given scenario.
 * `build` is called right before each request is sent (so per-request signatures carry the send time);
 * `steps` splits a job into requests sent in order (default: the job is one request);
 * the answer is { type: 'done', wallMs, requests, latencies, statuses, failures }, where `statuses` counts
 * HTTP statuses plus `bad` for every response `good` rejected, and `failures` holds the first five of those.
 * @param {Scenario} scenario
 */
export function serveLoad({ build, good, steps = (job) => [job] }) {
  const { url, concurrency, timeoutMs } = clientData;
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`bench traffic must stay on 127.0.0.1, not ${target.hostname}`);
  // fifo: free sockets are taken in turn, so at an open loop's low rates none sits idle until the server's 5 s
  // keep-alive timeout closes it as a request is written to it (an ECONNRESET that is the client's race, not the
  // server's failure). In a closed loop every socket is busy and the order does not matter.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, scheduling: 'fifo' });

  /** @returns {Promise<Response>} */
  function post({ path, headers, body }) {
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
        { host: '127.0.0.1', port: Number(target.port), path, method: 'POST', agent, headers: { ...headers, 'content-length': data.length } },
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

  /** Sends every job's requests; with `durationMs`, lanes take no new job once that long has passed. */
  async function run(jobs, durationMs = Infinity) {
    const planned = jobs.map((job) => steps(job));
    const latencies = new Float64Array(planned.reduce((s, p) => s + p.length, 0));
    const statuses = {};
    const t0 = performance.now();
    const failures = [];
    let n = 0;
    let next = 0;
    const lane = async () => {
      for (let j = next++; j < planned.length && performance.now() - t0 < durationMs; j = next++) {
        for (const step of planned[j]) {
          const request = build(step);
          const r = await post(request);
          latencies[n++] = r.ms;
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (good(r)) continue;
          statuses.bad = (statuses.bad ?? 0) + 1;
          if (failures.length < 5) failures.push(`${request.label ? `${request.label}: ` : ''}${r.status} ${r.text.slice(0, 300)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, planned.length) }, lane));
    // a run cut short by its duration sent fewer requests than planned: only those latencies count
    return { wallMs: performance.now() - t0, requests: n, latencies: n < latencies.length ? latencies.slice(0, n) : latencies, statuses, failures };
  }

  /**
   * Open loop: request n of the schedule is due at t0 + n / ratePerSecond, whatever the answers before it did (no
   * coordinated omission), and its latency runs from that due time, not from when it could be sent. The schedule takes
   * the jobs round-robin by step (every job's first request, then every job's second…), so a job's consecutive
   * requests are jobs / rate seconds apart; should a job's previous request still be unanswered when the next is due,
   * the next waits for it (order within a job is kept) and that wait counts in its latency. `lags` says how late the
   * client itself sent each request after its due time (its own timers; a large lag means the client, not the
   * server, was behind).
   */
  async function runAt(jobs, ratePerSecond) {
    const planned = jobs.map((job) => steps(job));
    const order = [];
    const depth = Math.max(0, ...planned.map((p) => p.length));
    for (let k = 0; k < depth; k++) for (let j = 0; j < planned.length; j++) if (k < planned[j].length) order.push([j, k]);
    const total = order.length;
    const latencies = new Float64Array(total);
    const lags = new Float64Array(total);
    const statuses = {};
    const failures = [];
    const last = planned.map(() => Promise.resolve());
    const all = [];
    const gapMs = 1000 / ratePerSecond;
    const t0 = performance.now() + 20;
    const launch = (i) => {
      const [j, k] = order[i];
      const due = t0 + i * gapMs;
      const done = last[j].then(async () => {
        const request = build(planned[j][k]);
        lags[i] = performance.now() - due;
        const r = await post(request);
        latencies[i] = performance.now() - due;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (good(r)) return;
        statuses.bad = (statuses.bad ?? 0) + 1;
        if (failures.length < 5) failures.push(`${request.label ? `${request.label}: ` : ''}${r.status} ${r.text.slice(0, 300)}`);
      });
      last[j] = done;
      all.push(done);
    };
    await new Promise((resolve) => {
      let sent = 0;
      const tick = () => {
        const now = performance.now();
        while (sent < total && t0 + sent * gapMs <= now) launch(sent++);
        if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * gapMs - performance.now()));
        else resolve();
      };
      setTimeout(tick, 20);
    });
    await Promise.all(all);
    return { wallMs: performance.now() - t0, requests: total, latencies, lags, statuses, failures };
  }

  process.on('message', async (msg) => {
    if (msg.type === 'run') {
      const result = await run(msg.jobs, msg.durationMs);
      process.send({ type: 'done', ...result });
    } else if (msg.type === 'runAt') {
      const result = await runAt(msg.jobs, msg.ratePerSecond);
      process.send({ type: 'done', ...result });
    } else if (msg.type === 'close') {
      agent.destroy();
      process.exit(0);
    }
  });
  // The parent went away (finished, crashed, was killed): so does its client.
  process.on('disconnect', () => process.exit(0));
}

/** 200 with an empty body: how Slack's and WeCom's callers expect an event to be acknowledged. */
export const emptyOk = (r) => r.status === 200 && r.text === '';
