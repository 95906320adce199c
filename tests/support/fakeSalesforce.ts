import express from 'express';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

/**
 * A Salesforce-like org on 127.0.0.1 that validates what it receives the way a My Domain host does:
 * - `POST /services/oauth2/token`, form-encoded only, grant_type=client_credentials with the right client id and
 *   secret → {access_token, instance_url, id, token_type:"Bearer", issued_at, signature}; otherwise 400
 *   {error:"invalid_client"|"unsupported_grant_type"|"invalid_request"};
 * - `GET /services/data/vXX.X/query?q=SOQL` with a live Bearer token (else 401 [{errorCode:"INVALID_SESSION_ID"}]),
 *   a SELECT … FROM … (else 400 MALFORMED_QUERY), answering in batches with `nextRecordsUrl` until `done`;
 * - `GET /services/data/vXX.X/query/<locator>`: the next batch, for a locator it issued (else 400 INVALID_QUERY_LOCATOR).
 * `expireTokenAfter(n)` lets the current token expire after n more query calls: the next call gets 401 mid-run.
 */
export class FakeSalesforce {
  url = '';
  clientId = 'sf-client';
  clientSecret = 'sf-secret';
  batchSize = 2;
  records: Record<string, unknown>[] = [];
  readonly tokenRequests: Record<string, string>[] = [];
  readonly queries: string[] = [];
  /** Every query-API call and how it was answered. */
  readonly calls: { path: string; status: number }[] = [];
  private live = new Set<string>();
  private locators = new Map<string, { q: string; offset: number }>();
  private expireAfter: number | null = null;
  private server?: Server;

  expireTokenAfter(calls: number): void {
    this.expireAfter = calls;
  }

  async start(): Promise<this> {
    const app = express();
    app.post('/services/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
      if (!req.is('application/x-www-form-urlencoded')) return void res.status(400).json({ error: 'invalid_request', error_description: 'form body expected' });
      const form = req.body as Record<string, string>;
      this.tokenRequests.push(form);
      if (form.grant_type !== 'client_credentials') return void res.status(400).json({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
      if (form.client_id !== this.clientId || form.client_secret !== this.clientSecret) return void res.status(400).json({ error: 'invalid_client', error_description: 'invalid client credentials' });
      const token = `00D!${randomBytes(12).toString('hex')}`;
      this.live.add(token);
      res.json({ access_token: token, signature: randomBytes(8).toString('base64'), instance_url: this.url, id: `${this.url}/id/00D/005`, token_type: 'Bearer', issued_at: String(Date.now()) });
    });
    app.get(['/services/data/:version/query', '/services/data/:version/query/:locator'], (req, res) => {
      const answer = (status: number, body: unknown) => {
        this.calls.push({ path: req.path, status });
        res.status(status).json(body);
      };
      if (!/^v\d{2,3}\.\d$/.test(String(req.params.version))) return answer(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
      if (!token || !this.live.has(token)) return answer(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      if (this.expireAfter !== null && this.expireAfter-- <= 0) {
        this.expireAfter = null;
        this.live.delete(token);
        return answer(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      }
      let q: string;
      let offset: number;
      if (req.params.locator) {
        const loc = this.locators.get(String(req.params.locator));
        if (!loc) return answer(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
        ({ q, offset } = loc);
      } else {
        q = String(req.query.q ?? '');
        if (!/^SELECT\s+.+\s+FROM\s+\w+/i.test(q)) return answer(400, [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected token' }]);
        this.queries.push(q);
        offset = 0;
      }
      const batch = this.records.slice(offset, offset + this.batchSize).map((r) => ({ attributes: { type: 'Opportunity', url: `/services/data/${req.params.version}/sobjects/Opportunity/${String(r.Id)}` }, ...r }));
      const done = offset + this.batchSize >= this.records.length;
      const body: Record<string, unknown> = { totalSize: this.records.length, done, records: batch };
      if (!done) {
        const locator = `01g${randomBytes(6).toString('hex')}-${offset + this.batchSize}`;
        this.locators.set(locator, { q, offset: offset + this.batchSize });
        body.nextRecordsUrl = `/services/data/${req.params.version}/query/${locator}`;
      }
      answer(200, body);
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
