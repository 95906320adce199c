import * as oidc from 'openid-client';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/client';
import { linkIdentity, personByEmail, personByExternalId } from '../people/chatIdentities';
import type { ServiceDeps } from '../context';

export interface SlackOidcOptions {
  /** SLACK_OIDC_ISSUER: https://slack.com (tests: a local fake over http). */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export type SlackSignInOutcome = { ok: true; personId: number } | { ok: false; reason: 'no_match' | 'provider' };

/** The claim Slack puts the user id in; `sub` holds the same id, but the Slack claim is the documented key. */
const USER_ID_CLAIM = 'https://slack.com/user_id';

/**
 * Sign in with Slack (OpenID Connect, authorization code flow with state and nonce). Holds Slack's discovered
 * configuration for the life of the process; a failed discovery is tried again on the next sign-in.
 */
export class SlackSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(private readonly opts: SlackOidcOptions) {}

  /** Where to send the browser, and the state and nonce to keep (in a cookie) until it comes back. */
  async begin(redirectUri: string): Promise<{ url: string; state: string; nonce: string }> {
    const config = await this.config();
    const state = oidc.randomState();
    // Always a nonce: without one Slack puts nonce:"" in the id_token, which openid-client refuses.
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email profile', state, nonce });
    return { url: url.href, state, nonce };
  }

  /**
   * Exchanges the code and finds the person. `callbackUrl` is the PUBLIC callback URL with Slack's query:
   * openid-client sends it, minus the query, as redirect_uri, which must equal the one sent to authorize.
   */
  async finish(deps: Pick<ServiceDeps, 'db' | 'log'>, callbackUrl: URL, expected: { state: string; nonce: string }): Promise<SlackSignInOutcome> {
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.config(), callbackUrl, { expectedState: expected.state, expectedNonce: expected.nonce });
      claims = tokens.claims();
    } catch (err) {
      deps.log.warn({ reason: providerReason(err) }, 'Sign in with Slack: Slack refused or answered unexpectedly');
      return { ok: false, reason: 'provider' };
    }
    if (!claims) {
      deps.log.warn('Sign in with Slack: the token answer had no id_token');
      return { ok: false, reason: 'provider' };
    }
    const personId = personForSlackUser(deps.db, claims);
    if (personId === undefined) deps.log.info({ slackUser: slackUserId(claims) }, 'Sign in with Slack: no active person matches this Slack user');
    return personId === undefined ? { ok: false, reason: 'no_match' } : { ok: true, personId };
  }

  /** Discovery once; a rejected attempt is forgotten so that Slack being briefly down does not stick. */
  private config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((err: unknown) => {
      this.configuration = undefined;
      throw err;
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.opts.issuer);
    // Plain http is only ever a local fake (tests); openid-client refuses it unless told.
    const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    const config = await oidc.discovery(issuer, this.opts.clientId, this.opts.clientSecret, undefined, { execute });
    // Also check the id_token's signature against Slack's JWKS (by default only TLS to the token endpoint vouches for it).
    oidc.enableNonRepudiationChecks(config);
    return config;
  }
}

function slackUserId(claims: oidc.IDToken): string {
  const id = claims[USER_ID_CLAIM];
  return typeof id === 'string' && id ? id : claims.sub;
}

/**
 * The active person behind a Slack user: by the linked Slack id, else by e-mail when Slack says it is verified.
 * A match by e-mail is remembered in `identities` (as the Slack adapter does after users.lookupByEmail), unless
 * the person is already linked to another Slack user: that needs an admin, so no match.
 */
export function personForSlackUser(db: Db, claims: oidc.IDToken): number | undefined {
  const userId = slackUserId(claims);
  return inTransaction(db, () => {
    const linked = personByExternalId(db, 'slack', userId);
    if (linked) return linked.active ? linked.id : undefined;
    if (claims.email_verified !== true || typeof claims.email !== 'string') return undefined;
    const person = personByEmail(db, claims.email);
    if (!person?.active) return undefined;
    return linkIdentity(db, person.id, 'slack', userId) === 'linked' ? person.id : undefined;
  });
}

/** A one-line reason for the log (never a stack): openid-client's code and message, plus Slack's `error`. */
function providerReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: string; error?: string; cause?: { cause?: { body?: { error?: unknown } }; body?: { error?: unknown } } };
  // Slack answers token errors as a Web API method: HTTP 200 {ok:false,error}; openid-client nests that body in the cause.
  const slackError = e.cause?.cause?.body?.error ?? e.cause?.body?.error ?? e.error;
  return [e.code, e.message, slackError ? `slack: ${String(slackError)}` : undefined].filter(Boolean).join(' | ');
}
