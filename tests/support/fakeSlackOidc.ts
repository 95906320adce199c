import express, { type Request, type Response } from 'express';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

/** The Slack user the next authorize request signs in (Slack would ask the person; the test decides). */
export interface SlackOidcUser {
  /** The Slack user id (U…): both `sub` and `https://slack.com/user_id`, as Slack sends them. */
  userId: string;
  teamId?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface SlackOidcClient {
  clientId: string;
  clientSecret: string;
  /** The app's Redirect URLs (OAuth & Permissions); a request must use one of them exactly. */
  redirectUris: string[];
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  nonce: string;
  user: SlackOidcUser;
  used: boolean;
}

/** What the fake received, for assertions. */
export interface AuthorizeSeen {
  query: Record<string, string>;
  /** 'ok', or why the request was refused. */
  outcome: string;
}
export interface TokenSeen {
  form: Record<string, string>;
  /** How the client authenticated: secret in the form (post) or in the Authorization header (basic). */
  auth: 'post' | 'basic' | 'none';
  answer: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/**
 * Sign in with Slack on 127.0.0.1, validating like slack.com: discovery, authorize (client_id, exact
 * redirect_uri, scope with openid, response_type=code, state and nonce), the token method (client
 * credentials post or basic, single-use code bound to client and redirect_uri) answering as a Slack Web API
 * method does (HTTP 200, `ok:false, error`), RS256 id_tokens signed with a key served as JWKS.
 */
export class FakeSlackOidc {
  url = '';
  /** Who the next authorize request signs in; authorize is refused while it is unset. */
  nextUser?: SlackOidcUser;
  readonly authorizeRequests: AuthorizeSeen[] = [];
  readonly tokenRequests: TokenSeen[] = [];
  /** Sign id_tokens with a key not in the JWKS (a forgery a signature-checking client must refuse). */
  forgeSignatures = false;
  /** How often the JWKS was fetched (a client that checks id_token signatures fetches it). */
  keysServed = 0;
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, SlackOidcUser>();
  private readonly key: { privateKey: KeyObject; publicKey: KeyObject; kid: string };
  private readonly otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private server?: Server;

  private constructor(readonly client: SlackOidcClient) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 16);
    this.key = { privateKey, publicKey, kid };
  }

  static async start(client: SlackOidcClient): Promise<FakeSlackOidc> {
    const fake = new FakeSlackOidc(client);
    const web = express();
    web.use(express.urlencoded({ extended: false }));
    web.get('/.well-known/openid-configuration', (_req, res) => res.json(fake.discovery()));
    web.get('/openid/connect/keys', (_req, res) => {
      fake.keysServed++;
      res.json({ keys: [{ ...fake.key.publicKey.export({ format: 'jwk' }), kid: fake.key.kid, alg: 'RS256', use: 'sig' }] });
    });
    web.get('/openid/connect/authorize', (req, res) => fake.authorize(req, res));
    web.post('/api/openid.connect.token', (req, res) => fake.token(req, res));
    web.get('/api/openid.connect.userInfo', (req, res) => fake.userInfo(req, res));
    ({ server: fake.server, url: fake.url } = await listenOnLoopback(web));
    return fake;
  }

  async close(): Promise<void> {
    await closeNow(this.server);
  }

  private discovery(): Json {
    return {
      issuer: this.url,
      authorization_endpoint: `${this.url}/openid/connect/authorize`,
      token_endpoint: `${this.url}/api/openid.connect.token`,
      userinfo_endpoint: `${this.url}/api/openid.connect.userInfo`,
      jwks_uri: `${this.url}/openid/connect/keys`,
      scopes_supported: ['openid', 'profile', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['form_post'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'auth_time', 'iss'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: true,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    };
  }

  /** Slack shows an error page (no redirect) for a bad client or redirect_uri; the test sees a 400. */
  private authorize(req: Request, res: Response): void {
    const q = req.query as Record<string, string>;
    const problem = this.authorizeProblem(q);
    this.authorizeRequests.push({ query: { ...q }, outcome: problem ?? 'ok' });
    if (problem) {
      res.status(400).type('html').send(`<p>Sign in with Slack: ${problem}</p>`);
      return;
    }
    const code = randomBytes(24).toString('hex');
    this.codes.set(code, { clientId: q.client_id, redirectUri: q.redirect_uri, nonce: q.nonce, user: this.nextUser!, used: false });
    const to = new URL(q.redirect_uri);
    to.searchParams.set('code', code);
    to.searchParams.set('state', q.state);
    res.redirect(302, to.href);
  }

  private authorizeProblem(q: Record<string, string>): string | undefined {
    if (q.client_id !== this.client.clientId) return 'invalid_client_id';
    if (!this.client.redirectUris.includes(q.redirect_uri)) return 'bad_redirect_uri';
    if (q.response_type !== 'code') return 'invalid_response_type';
    if (!String(q.scope ?? '').split(' ').includes('openid')) return 'invalid_scope';
    if (!q.state) return 'missing_state';
    if (!q.nonce) return 'missing_nonce';
    if (!this.nextUser) return 'no_user_signed_in (test: set nextUser)';
    return undefined;
  }

  private token(req: Request, res: Response): void {
    const form = { ...(req.body as Record<string, string>) };
    const { auth, clientId, clientSecret } = credentials(req, form);
    const answer = this.tokenAnswer(form, auth, clientId, clientSecret);
    this.tokenRequests.push({ form, auth, answer });
    res.json(answer);
  }

  private tokenAnswer(form: Record<string, string>, auth: TokenSeen['auth'], clientId?: string, clientSecret?: string): Json {
    if (auth === 'none' || !clientId) return { ok: false, error: 'invalid_client' };
    if (clientId !== this.client.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== this.client.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (form.grant_type !== 'authorization_code') return { ok: false, error: 'invalid_grant_type' };
    const issued = this.codes.get(form.code ?? '');
    if (!issued || issued.used || issued.clientId !== clientId) return { ok: false, error: 'invalid_code' };
    issued.used = true; // spent by any attempt, as an authorization server does
    if (form.redirect_uri !== issued.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    const accessToken = `xoxp-${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(accessToken, issued.user);
    return { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: this.idToken(issued) };
  }

  private userInfo(req: Request, res: Response): void {
    const user = this.accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    res.json(user ? { ok: true, ...this.claims(user) } : { ok: false, error: 'invalid_auth' });
  }

  private claims(user: SlackOidcUser): Json {
    const teamId = user.teamId ?? 'T0FAKETEAM';
    return {
      sub: user.userId,
      'https://slack.com/user_id': user.userId,
      'https://slack.com/team_id': teamId,
      ...(user.email !== undefined ? { email: user.email, email_verified: user.email_verified ?? false } : {}),
      name: user.name ?? user.userId,
    };
  }

  private idToken(issued: IssuedCode): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: this.url, aud: issued.clientId, exp: now + 300, iat: now, auth_time: now, nonce: issued.nonce, ...this.claims(issued.user) };
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signingInput = `${part({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })}.${part(payload)}`;
    return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), this.forgeSignatures ? this.otherKey : this.key.privateKey).toString('base64url')}`;
  }
}

/** Client credentials from the form (client_secret_post) or the Authorization header (client_secret_basic). */
function credentials(req: Request, form: Record<string, string>): { auth: TokenSeen['auth']; clientId?: string; clientSecret?: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':').map((s) => decodeURIComponent(s.replace(/\+/g, ' ')));
    return { auth: 'basic', clientId: id, clientSecret: secret };
  }
  if (form.client_secret !== undefined) return { auth: 'post', clientId: form.client_id, clientSecret: form.client_secret };
  return { auth: 'none', clientId: form.client_id };
}
