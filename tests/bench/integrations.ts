/**
 * Bench: 5,000 signed Jira Cloud webhooks (jira:issue_updated, each a new delivery id) into the app — signature over
 * the raw body, dedupe, the issue's newest state, its assignee's figures recomputed and written — next to bare
 * Express 5 with express.raw() answering {"status":"stored"} to the same signed requests, same client, same
 * concurrency, on the same machine.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { startApp } from '../../bot/app';
import { importPeople } from '../../bot/services/people/importPeople';
import { benchEnv } from './fanout';
import { latencyStats, loadOnce } from './loadClient';
import { buildPeople } from './peopleCsv';
import { fmtInt, ms, numRow, perSec, ratio, type Row } from './table';
import { check, progress } from './util';

const SECRET = 'bench-jira-webhook-secret';
const PATH = '/integrations/jira/webhook';

/** N deliveries over `issues` issues and `people` assignees: issue updates moving forward in time, some done. */
function deliveries(emails: string[], n: number, issues: number, offset: number): { id: string; body: string }[] {
  const out: { id: string; body: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = (offset + i) % issues;
    const email = emails[k % emails.length];
    const updated = new Date(Date.UTC(2026, 10, 1) + (offset + i) * 60_000).toISOString().replace('Z', '+0000');
    const done = (offset + i) % 3 === 0;
    const body = {
      timestamp: Date.parse(updated.replace('+0000', 'Z')),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: 'acc-bench', displayName: 'Bench' },
      issue: {
        id: String(10_000 + k),
        key: `BENCH-${k}`,
        self: `https://bench.atlassian.net/rest/api/3/issue/${10_000 + k}`,
        fields: {
          created: '2026-11-01T09:00:00.000+0000',
          updated,
          duedate: `2026-11-${String(1 + (k % 28)).padStart(2, '0')}`,
          resolutiondate: done ? updated : null,
          status: { name: done ? 'Done' : 'In Progress', statusCategory: { key: done ? 'done' : 'indeterminate' } },
          assignee: { accountId: `acc-${k % emails.length}`, emailAddress: email, displayName: email },
          issuetype: { name: k % 50 === 0 ? 'Incident' : 'Task' },
          priority: { name: 'Medium' },
          labels: [],
        },
      },
      changelog: { id: String(offset + i), items: [{ field: 'status', fieldtype: 'jira', from: '3', fromString: 'In Progress', to: done ? '10001' : '3', toString: done ? 'Done' : 'In Progress' }] },
    };
    out.push({ id: `bench-${offset + i}`, body: JSON.stringify(body) });
  }
  return out;
}

async function bareExpress(): Promise<{ url: string; close: () => Promise<void> }> {
  const web = express();
  web.post(PATH, express.raw({ type: '*/*', limit: '1mb' }), (_req, res) => {
    res.json({ status: 'stored' });
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = web.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function runJiraWebhooks(dir: string, opts: { webhooks: number; people: number; issues: number; concurrency: number; warmup: number }): Promise<{ rows: Row[]; notes: string[] }> {
  const S = `jira webhooks ${fmtInt(opts.webhooks)}`;
  const app = await startApp({ env: { ...benchEnv(join(dir, 'jira.db')), JIRA_WEBHOOK_SECRET: SECRET } });
  try {
    const { csv, people } = buildPeople(opts.people);
    importPeople({ db: app.db, now: app.deps.now, defaults: { timezone: app.config.DEFAULT_TIMEZONE, locale: app.config.DEFAULT_LOCALE } }, csv);
    const emails = people.map((p) => p.email);
    const warm = deliveries(emails, opts.warmup, opts.issues, 0);
    const jobs = deliveries(emails, opts.webhooks, opts.issues, opts.warmup);
    progress(`${S}: into the app (signature, dedupe, newest state, figures)`);
    await loadOnce('jiraSignedPost', { url: app.url, path: PATH, secret: SECRET, concurrency: opts.concurrency }, warm);
    const raw = await loadOnce('jiraSignedPost', { url: app.url, path: PATH, secret: SECRET, concurrency: opts.concurrency }, jobs);
    const good = (raw.statuses['200'] ?? 0) - (raw.statuses.bad ?? 0);
    check(good === jobs.length, `${S}: ${jobs.length - good} of ${jobs.length} not stored; ${JSON.stringify(raw.statuses)}\n  ${raw.failures.join('\n  ')}`);
    const events = app.db.$client.prepare<[], { n: number }>("select count(*) as n from integration_events where connector = 'jira'").get()!.n;
    check(events === jobs.length + warm.length, `${events} deliveries recorded, expected ${jobs.length + warm.length}`);
    const values = app.db.$client.prepare<[], { n: number }>("select count(*) as n from metric_values where source = 'jira'").get()!.n;
    const a = latencyStats(raw);

    progress(`${S}: baseline bare Express 5 + express.raw(), same signed requests`);
    const bare = await bareExpress();
    let b: ReturnType<typeof latencyStats>;
    try {
      await loadOnce('jiraSignedPost', { url: bare.url, path: PATH, secret: SECRET, concurrency: opts.concurrency }, warm);
      const base = await loadOnce('jiraSignedPost', { url: bare.url, path: PATH, secret: SECRET, concurrency: opts.concurrency }, jobs);
      check((base.statuses['200'] ?? 0) === jobs.length, `bare express: ${JSON.stringify(base.statuses)}`);
      b = latencyStats(base);
    } finally {
      await bare.close();
    }
    const rows: Row[] = [
      { scenario: S, metric: `throughput (${opts.concurrency} in flight)`, result: perSec(a.perSecond, 'req'), baseline: perSec(b.perSecond, 'req'), ratio: ratio(a.perSecond, b.perSecond) },
      numRow(S, 'latency p50 (stored, until the 200)', a.p50, b.p50, ms),
      numRow(S, 'latency p99 (stored, until the 200)', a.p99, b.p99, ms),
      numRow(S, 'latency max', a.max, b.max, ms),
    ];
    const note = `${S}: ${fmtInt(opts.issues)} issues, ${fmtInt(opts.people)} assignees; every delivery verified, recorded once and stored before its 200 (${fmtInt(values)} metric values after the run); baseline = bare Express 5 + express.raw() answering {"status":"stored"}`;
    return { rows, notes: [note] };
  } finally {
    await app.close();
  }
}
