import { isValidSlackRequest } from '@slack/bolt';
import type { RequestHandler } from 'express';
import { AppError, errorBody } from '../../errors';
import type { Logger } from '../../logger';

/**
 * Checks the v0 signature over the raw body read before it (`req.rawBody`), with Bolt's own exported check,
 * so a forged request is refused with our error shape; Bolt's receiver would answer an empty 401. This is the only
 * check: the receiver is built with signatureVerification off (slackPlugin.ts), so nothing reaches Bolt unchecked.
 * The timestamp's window (either direction) is requestWindow's, in front of this. A hand-written HMAC compare saved
 * ~15–20 µs of a ~1.4 ms view_submission (docs/performance.md, perf-slack3): not worth owning a security check.
 */
export function verifySignature(signingSecret: string, log: Logger): RequestHandler {
  return (req, res, next) => {
    const valid = isValidSlackRequest({
      signingSecret,
      body: (req.rawBody ?? Buffer.alloc(0)).toString('utf8'),
      headers: {
        'x-slack-signature': req.get('x-slack-signature') ?? '',
        'x-slack-request-timestamp': Number(req.get('x-slack-request-timestamp')),
      },
    });
    if (!valid) {
      log.warn({ reason: 'bad_signature', ip: req.ip }, 'Slack request refused');
      res.status(401).json(errorBody(new AppError('bad_signature', 'The request signature does not match.', { status: 401 })));
      return;
    }
    next();
  };
}
