/**
 * A Salesforce-compatible REST client: the OAuth 2.0 client-credentials token (`POST {base}/services/oauth2/token`,
 * form grant_type/client_id/client_secret → access_token + instance_url; no refresh token), then SOQL through
 * `GET {instance_url}/services/data/vXX.X/query?q=` following `nextRecordsUrl` until `done`. A 401 (the token
 * expired or was revoked mid-run: INVALID_SESSION_ID) fetches a new token once and repeats that page; a second 401
 * in a row fails the run. Node's fetch; openid-client's client-credentials grant needs discovery, which
 * Salesforce's My Domain hosts offer only for the OIDC flows, so the two calls are made directly.
 */
export interface SalesforceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
}

export interface QueryResult {
  records: Record<string, unknown>[];
  pages: number;
  tokenRefreshes: number;
}

interface Token {
  accessToken: string;
  instanceUrl: string;
}

export class SalesforceClient {
  private token?: Token;
  tokenRefreshes = 0;

  constructor(private readonly opts: SalesforceOptions) {}

  private async fetchToken(): Promise<Token> {
    const res = await fetch(`${this.opts.baseUrl.replace(/\/+$/, '')}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.opts.clientId, client_secret: this.opts.clientSecret }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; instance_url?: string; error?: string; error_description?: string };
    if (!res.ok || !body.access_token) throw new Error(`CRM token request refused (${res.status}${body.error ? ` ${body.error}` : ''})`);
    return { accessToken: body.access_token, instanceUrl: (body.instance_url ?? this.opts.baseUrl).replace(/\/+$/, '') };
  }

  private async get(pathOrUrl: string): Promise<{ records?: Record<string, unknown>[]; done?: boolean; nextRecordsUrl?: string }> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= await this.fetchToken();
      const res = await fetch(`${this.token.instanceUrl}${pathOrUrl}`, { headers: { authorization: `Bearer ${this.token.accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
      if (res.status === 401 && attempt === 0) {
        this.token = undefined;
        this.tokenRefreshes++;
        continue;
      }
      if (!res.ok) {
        const errors = (await res.json().catch(() => [])) as { errorCode?: string; message?: string }[];
        const first = Array.isArray(errors) ? errors[0] : undefined;
        throw new Error(`CRM query answered ${res.status}${first?.errorCode ? ` ${first.errorCode}: ${first.message ?? ''}` : ''}`);
      }
      return (await res.json()) as { records?: Record<string, unknown>[]; done?: boolean; nextRecordsUrl?: string };
    }
  }

  async query(soql: string): Promise<QueryResult> {
    const records: Record<string, unknown>[] = [];
    let page = await this.get(`/services/data/${this.opts.apiVersion}/query?q=${encodeURIComponent(soql)}`);
    let pages = 1;
    records.push(...(page.records ?? []));
    while (!page.done && page.nextRecordsUrl) {
      if (!page.nextRecordsUrl.startsWith('/services/data/')) throw new Error('CRM nextRecordsUrl is not a query path');
      page = await this.get(page.nextRecordsUrl);
      pages++;
      records.push(...(page.records ?? []));
    }
    return { records, pages, tokenRefreshes: this.tokenRefreshes };
  }
}
