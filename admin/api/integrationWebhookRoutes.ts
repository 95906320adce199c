import { Router, type RequestHandler } from 'express';
import { AppError, errorBody } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import type { ServiceDeps } from '../../bot/services/context';
import { receiveJiraWebhook } from '../../bot/services/integrations/jira/receiveJiraWebhook';
import { receiveTapdWebhook } from '../../bot/services/integrations/tapd/receiveTapdWebhook';

/**
 * Where the router is mounted (bot/app.ts): every other request skips it on one prefix check instead of entering it
 * and matching both routes (a router entered costs ~1.5 KB of closures per request, on every API answer).
 */
export const INTEGRATION_WEBHOOK_PREFIX = '/integrations';
export const JIRA_WEBHOOK_PATH = `${INTEGRATION_WEBHOOK_PREFIX}/jira/webhook`;
export const TAPD_WEBHOOK_PATH = `${INTEGRATION_WEBHOOK_PREFIX}/tapd/webhook`;
const underPrefix = (path: string) => path.slice(INTEGRATION_WEBHOOK_PREFIX.length);
/** An issue event with its changelog is a few KB; a long description with many custom fields stays well under 1 MB. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The public integration webhooks, mounted at INTEGRATION_WEBHOOK_PREFIX before the JSON API (they read the raw body through the limited reader,
 * as /slack/events and /wecom/callback do): the signature or secret is checked on the bytes before anything is
 * parsed. Refusals use the standard error shape; a bad signature is never logged with the body or the secret.
 */
export function integrationWebhookRoutes(deps: ServiceDeps, readBody: RequestHandler, log: Logger): Router {
  const r = Router();
  const answer = (res: import('express').Response, err: unknown) => {
    if (err instanceof AppError) {
      if (err.status === 401) log.warn({ code: err.code }, 'integration webhook refused');
      res.status(err.status).json(errorBody(err));
      return;
    }
    log.error({ err }, 'integration webhook failed');
    res.status(500).json(errorBody(new AppError('internal', 'The delivery could not be stored; retry.', { status: 500 })));
  };
  r.post(underPrefix(JIRA_WEBHOOK_PATH), readBody, (req, res) => {
    try {
      const outcome = receiveJiraWebhook(deps, {
        rawBody: req.rawBody ?? Buffer.alloc(0),
        signature: req.get('x-hub-signature'),
        identifier: req.get('x-atlassian-webhook-identifier'),
      });
      res.json(outcome);
    } catch (err) {
      answer(res, err);
    }
  });
  r.post(underPrefix(TAPD_WEBHOOK_PATH), readBody, async (req, res) => {
    try {
      res.json(await receiveTapdWebhook(deps, { rawBody: req.rawBody ?? Buffer.alloc(0), contentType: req.get('content-type') }));
    } catch (err) {
      answer(res, err);
    }
  });
  return r;
}
