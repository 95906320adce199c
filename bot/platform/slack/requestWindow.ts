import type { RequestHandler } from 'express';
import { AppError, errorBody } from '../../errors';
import type { Logger } from '../../logger';

/** Slack's replay window (docs.slack.dev/authentication/verifying-requests-from-slack): five minutes. */
export const REQUEST_WINDOW_SECONDS = 300;

/**
 * Refuses (401, `stale_request`) requests whose X-Slack-Request-Timestamp is missing or more than five minutes
 * from now in either direction, before Bolt sees them. Bolt refuses stale timestamps but accepts any timestamp
 * in the future, so a captured request signed "tomorrow" could be replayed all day. Uses the machine's wall
 * clock, as Bolt does: this is about the network, not the business clock.
 */
export function requestWindow(log: Logger, wallClockMs: () => number = () => Date.now()): RequestHandler {
  return (req, res, next) => {
    const ts = Number(req.get('x-slack-request-timestamp'));
    if (!Number.isFinite(ts) || Math.abs(wallClockMs() / 1000 - ts) > REQUEST_WINDOW_SECONDS) {
      log.warn({ reason: 'stale_request', ip: req.ip }, 'Slack request refused');
      res.status(401).json(errorBody(new AppError('stale_request', 'The request timestamp is missing or more than 5 minutes from now.', { status: 401 })));
      return;
    }
    next();
  };
}
