import { inTransaction } from '../../../../db/client';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { connectorState } from '../connectorState';
import { quarantine, recordWebhookEvent } from '../recordWebhookEvent';
import { PersonResolver } from '../resolvePeople';
import { storeWorkItems } from '../storeWorkItems';
import { jiraConnector, jiraRules } from './jiraConnector';
import { jiraWorkItem, type JiraIssue } from './jiraIssue';
import { verifyJiraSignature } from './verifyJiraSignature';

export interface JiraDelivery {
  rawBody: Buffer;
  signature: string | undefined;
  /** X-Atlassian-Webhook-Identifier: unique per delivery, the same on retries. */
  identifier: string | undefined;
}

export type WebhookOutcome = { status: 'stored' | 'duplicate' | 'ignored'; written?: number; quarantined?: number; stale?: boolean };

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated']);

/**
 * One Jira Cloud webhook delivery: the signature over the raw bytes first (no secret configured → 503, a wrong or
 * missing signature → 401, nothing stored), then — in one transaction — the delivery id (a retry → duplicate,
 * nothing doubled) and the issue's newest state with the figures it touches. Other events are acknowledged.
 */
export function receiveJiraWebhook(deps: ServiceDeps, delivery: JiraDelivery): WebhookOutcome {
  const state = connectorState(deps, jiraConnector);
  const secret = state.secrets.webhookSecret;
  if (!state.enabled || !secret) throw new AppError('integration_not_configured', 'The Jira connector has no webhook secret configured.', { status: 503 });
  if (!verifyJiraSignature(secret, delivery.rawBody, delivery.signature)) {
    throw new AppError('bad_signature', 'The X-Hub-Signature does not match the body.', { status: 401 });
  }
  const id = delivery.identifier?.trim();
  if (!id || id.length > 200) throw new AppError('invalid_request', 'X-Atlassian-Webhook-Identifier is missing.', { status: 400 });
  let body: { webhookEvent?: string; issue?: JiraIssue };
  try {
    body = JSON.parse(delivery.rawBody.toString('utf8')) as typeof body;
  } catch {
    throw new AppError('invalid_json', 'The body is not JSON.', { status: 400 });
  }
  const now = deps.now();
  return inTransaction(deps.db, () => {
    if (!recordWebhookEvent(deps.db, 'jira', id, now)) return { status: 'duplicate' };
    if (!ISSUE_EVENTS.has(body.webhookEvent ?? '') || !body.issue) return { status: 'ignored' };
    const item = jiraWorkItem(body.issue, jiraRules(state.settings), deps.settings.defaultTimezone);
    if (!item) {
      quarantine(deps.db, 'jira', null, [{ ref: `jira:${body.issue.key ?? '?'}`, reason: 'issue without key or updated timestamp', record: body.issue }], now);
      return { status: 'stored', written: 0, quarantined: 1 };
    }
    const r = storeWorkItems(deps, 'jira', [item], new PersonResolver(deps.db, state.userMap), now, () => body.issue);
    quarantine(deps.db, 'jira', null, r.quarantine, now);
    return { status: 'stored', written: r.created + r.revised, quarantined: r.quarantine.length, stale: r.stale > 0 };
  });
}
