import { createHmac } from 'node:crypto';

/** Interactivity and slash commands come form-encoded with exactly this type (no charset: Bolt would refuse it). */
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** Slack's request signature: v0= + hex HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Unix seconds; default the machine's now (Bolt and our window check use the wall clock). */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  /** Extra headers, e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

/** The headers Slack sends with a body: timestamp and signature. */
export function signedHeaders(secret: string, body: string, contentType: string, opts: SignOptions = {}): Record<string, string> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(opts.secret ?? secret, timestamp, body),
    ...opts.headers,
  };
}

/** Posts a body to the app signed exactly as Slack signs it. */
export function postSigned(url: string, secret: string, body: string, contentType: string, opts: SignOptions = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: signedHeaders(secret, body, contentType, opts), body });
}

/** An Events API body (JSON). */
export const eventBody = (payload: unknown): string => JSON.stringify(payload);
/** An interaction body: payload=<url-encoded JSON>. */
export const interactionBody = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
/** A slash command body: its fields, form-encoded. */
export const commandBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
