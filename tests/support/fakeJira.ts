import express from 'express';
import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

export interface FakeIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
}

/**
 * Jira Cloud's enhanced search on 127.0.0.1, validating like the real one:
 * - `POST /rest/api/3/search/jql` with Basic e-mail:api-token (else 401), a JSON body with a bounded `jql` (else 400
 *   "Unbounded JQL queries are not allowed here."), `fields` (without it only `id` comes back), `maxResults`, and
 *   `nextPageToken` pages (an unknown token → 400);
 * - the old `/rest/api/{2,3}/search` → 410 Gone, as since 2025.
 */
export class FakeJira {
  url = '';
  email = 'bot@example.com';
  apiToken = 'jira-api-token';
  issues: FakeIssue[] = [];
  /** Jira returns fewer than maxResults when many fields are asked for; a small cap makes every test page. */
  pageLimit = 2;
  readonly searches: { jql: string; fields: string[] | undefined; nextPageToken?: string }[] = [];
  private pages = new Map<string, number>();
  private server?: Server;

  async start(): Promise<this> {
    const app = express();
    app.all(['/rest/api/2/search', '/rest/api/3/search'], (_req, res) => void res.status(410).json({ errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'] }));
    app.post('/rest/api/3/search/jql', express.json(), (req, res) => {
      const expected = `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString('base64')}`;
      if (req.get('authorization') !== expected) return void res.status(401).json({ errorMessages: ['Client must be authenticated to access this resource.'] });
      const body = req.body as { jql?: string; fields?: string[]; maxResults?: number; nextPageToken?: string };
      if (!body.jql || !/\b(updated|created|project|key|assignee)\b/i.test(body.jql)) return void res.status(400).json({ errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'] });
      this.searches.push({ jql: body.jql, fields: body.fields, nextPageToken: body.nextPageToken });
      let offset = 0;
      if (body.nextPageToken) {
        const at = this.pages.get(body.nextPageToken);
        if (at === undefined) return void res.status(400).json({ errorMessages: ['Invalid nextPageToken.'] });
        offset = at;
      }
      const size = Math.min(body.maxResults ?? 50, this.pageLimit);
      const page = this.issues.slice(offset, offset + size).map((i) => ({
        id: i.id,
        key: i.key,
        self: `${this.url}/rest/api/3/issue/${i.id}`,
        fields: body.fields ? Object.fromEntries(body.fields.filter((f) => f in i.fields).map((f) => [f, i.fields[f]])) : {},
      }));
      const more = offset + size < this.issues.length;
      const out: Record<string, unknown> = { issues: page, isLast: !more };
      if (more) {
        const token = randomUUID();
        this.pages.set(token, offset + size);
        out.nextPageToken = token;
      }
      res.json(out);
    });
    const { server, url } = await listenOnLoopback(app);
    this.server = server;
    this.url = url;
    return this;
  }

  stop(): Promise<void> {
    return closeNow(this.server);
  }
}

/** An issue as Jira Cloud serialises it (fact sheet §3.5). */
export function jiraIssue(o: {
  id: string;
  key: string;
  assignee?: { accountId: string; emailAddress?: string | null; displayName?: string } | null;
  status: 'new' | 'indeterminate' | 'done';
  created: string;
  updated: string;
  duedate?: string | null;
  resolutiondate?: string | null;
  issuetype?: string;
  priority?: string;
  labels?: string[];
  extra?: Record<string, unknown>;
}): FakeIssue {
  const category = { new: { id: 2, key: 'new', name: 'To Do' }, indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress' }, done: { id: 3, key: 'done', name: 'Done' } }[o.status];
  return {
    id: o.id,
    key: o.key,
    fields: {
      created: o.created,
      updated: o.updated,
      duedate: o.duedate ?? null,
      resolutiondate: o.resolutiondate ?? null,
      resolution: o.status === 'done' ? { id: '10000', name: 'Done' } : null,
      status: { id: '1', name: category.name, statusCategory: category },
      assignee: o.assignee ? { active: true, timeZone: 'Asia/Shanghai', accountType: 'atlassian', displayName: o.assignee.accountId, ...o.assignee } : null,
      issuetype: { id: '10001', name: o.issuetype ?? 'Task', subtask: false },
      priority: { id: '3', name: o.priority ?? 'Medium' },
      labels: o.labels ?? [],
      ...o.extra,
    },
  };
}

/** A jira:issue_created / jira:issue_updated delivery body as Atlassian documents it. */
export function jiraEvent(event: 'jira:issue_created' | 'jira:issue_updated', issue: FakeIssue, changelog: { field: string; from: string | null; to: string | null }[] = []) {
  return {
    timestamp: Date.parse(String(issue.fields.updated).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')),
    webhookEvent: event,
    issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
    user: { accountId: 'acc-actor', displayName: 'Actor', active: true },
    issue: { ...issue, self: `https://acme.atlassian.net/rest/api/3/issue/${issue.id}` },
    ...(changelog.length
      ? { changelog: { id: String(Math.floor(Math.random() * 1e6)), items: changelog.map((c) => ({ field: c.field, fieldtype: 'jira', fieldId: c.field, from: c.from, fromString: c.from, to: c.to, toString: c.to })) } }
      : {}),
  };
}

/** Signs a delivery as Jira does: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>. */
export function signJira(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a delivery with Atlassian's headers. */
export function deliverJira(url: string, secret: string, body: unknown, identifier: string, opts: { signature?: string; retry?: number } = {}): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${url}/integrations/jira/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature': opts.signature ?? signJira(secret, raw),
      'x-atlassian-webhook-identifier': identifier,
      'x-atlassian-webhook-flow': 'Primary',
      ...(opts.retry ? { 'x-atlassian-webhook-retry': String(opts.retry) } : {}),
    },
    body: raw,
  });
}
