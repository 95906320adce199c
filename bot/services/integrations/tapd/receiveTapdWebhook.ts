import { timingSafeEqual } from 'node:crypto';
import { inTransaction } from '../../../../db/client';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { connectorState } from '../connectorState';
import type { WebhookOutcome } from '../jira/receiveJiraWebhook';
import { quarantine, recordWebhookEvent } from '../recordWebhookEvent';
import { PersonResolver } from '../resolvePeople';
import { storeWorkItems } from '../storeWorkItems';
import { tapdConnector, tapdSettings } from './tapdConnector';
import { tapdInstant, tapdWorkItem } from './tapdItem';

/**
 * How TAPD documents its webhooks (open.tapd.cn/document/api-doc → Webhook; o.tapd.tencent.com …/webhook/
 * webhook_document.html and add_webhook_setting.html; plugin-doc modules/webhook.html — see the fact sheet
 * /work/shared/docs/INTEGRATIONS.md §4): there is NO signature. The subscription's `secret` is echoed in plain text
 * as a body field, so the check is a constant-time comparison of that field with the configured secret. The body is
 * form-encoded by default, JSON when the subscription says so: both are accepted. Fields: `event`
 * (story::create|update|status_change|delete, bug::…), `event_from`, `workspace_id`, `current_user`, `id` (the
 * 19-digit object id), `secret`, `created` (Y-m-d H:i:s), `event_id` (the dedupe key; app pushes add `queue_id`).
 * Update events carry only the old values (`old_<field>`, `change_fields`), so the new state is read from TAPD's
 * open API (GET /stories or /bugs?workspace_id=&id=, Basic api_user:api_password; answers {status:1, data:[{Story}]})
 * when it is configured, else taken from the fields the body has.
 */
export function parseTapdBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if ((contentType ?? '').includes('application/json')) {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // fall through to the error below
    }
    throw new AppError('invalid_json', 'The body is not a JSON object.', { status: 400 });
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function secretMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function currentObject(kind: 'story' | 'bug', workspaceId: string, id: string, s: { apiBase: string; apiUser: string }, password: string): Promise<Record<string, unknown> | null> {
  const url = new URL(`${s.apiBase.replace(/\/+$/, '')}/${kind === 'story' ? 'stories' : 'bugs'}`);
  url.searchParams.set('workspace_id', workspaceId);
  url.searchParams.set('id', id);
  const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${s.apiUser}:${password}`).toString('base64')}` }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new AppError('upstream_failed', `TAPD answered ${res.status}.`, { status: 502 });
  const body = (await res.json()) as { status?: number; data?: Record<string, Record<string, unknown>>[] };
  if (body.status !== 1) throw new AppError('upstream_failed', 'TAPD answered status ≠ 1.', { status: 502 });
  const row = body.data?.[0];
  return row ? (row[kind === 'story' ? 'Story' : 'Bug'] ?? null) : null;
}

export async function receiveTapdWebhook(deps: ServiceDeps, delivery: { rawBody: Buffer; contentType: string | undefined }): Promise<WebhookOutcome> {
  const state = connectorState(deps, tapdConnector);
  const secret = state.secrets.webhookSecret;
  if (!state.enabled || !secret) throw new AppError('integration_not_configured', 'The TAPD connector has no webhook secret configured.', { status: 503 });
  const body = parseTapdBody(delivery.rawBody, delivery.contentType);
  if (!secretMatches(secret, body.secret)) throw new AppError('bad_signature', 'The secret does not match.', { status: 401 });
  const eventId = typeof body.event_id === 'string' || typeof body.event_id === 'number' ? String(body.event_id) : '';
  if (!eventId) throw new AppError('invalid_request', 'event_id is missing.', { status: 400 });
  const now = deps.now();
  const event = String(body.event ?? '');
  const kind = event.startsWith('story::') ? 'story' : event.startsWith('bug::') ? 'bug' : null;
  const s = tapdSettings.parse(state.settings);
  const tz = deps.settings.defaultTimezone;
  const id = String(body.id ?? '');
  const seen = deps.db.$client.prepare<[string], { n: number }>("select 1 as n from integration_events where connector = 'tapd' and event_key = ?").get(eventId);
  if (seen) return { status: 'duplicate' };
  let obj: Record<string, unknown> | null = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('old_') && k !== 'secret'));
  if (kind && id && event !== `${kind}::delete` && s.apiBase && s.apiUser && state.secrets.apiPassword) {
    obj = await currentObject(kind, String(body.workspace_id ?? ''), id, s, state.secrets.apiPassword);
  }
  return inTransaction(deps.db, () => {
    if (!recordWebhookEvent(deps.db, 'tapd', eventId, now)) return { status: 'duplicate' };
    if (!kind) return { status: 'ignored' };
    const item = obj ? tapdWorkItem(kind, obj, s, tz, tapdInstant(body.created, tz)) : null;
    if (!item) {
      quarantine(deps.db, 'tapd', null, [{ ref: `tapd:${kind}:${id || '?'}`, reason: 'object without id or time', record: body }], now);
      return { status: 'stored', written: 0, quarantined: 1 };
    }
    if (event === `${kind}::delete`) item.deleted = true;
    const r = storeWorkItems(deps, 'tapd', [item], new PersonResolver(deps.db, state.userMap), now, () => obj);
    quarantine(deps.db, 'tapd', null, r.quarantine, now);
    return { status: 'stored', written: r.created + r.revised, quarantined: r.quarantine.length, stale: r.stale > 0 };
  });
}
