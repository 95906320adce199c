import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../logger';
import { CallbackRefused, type CallbackCrypto } from './callbackCrypto';
import { dedupeKey, parseEnvelope, parseMessage } from './callbackXml';
import type { InboundStore } from './inboundStore';

export const CALLBACK_PATH = '/wecom/callback';

export interface CallbackRouteOptions {
  crypto: CallbackCrypto;
  store: InboundStore;
  /** Called after the 200 went out for a newly recorded event: process it now, in this process. */
  onRecorded: () => void;
  log: Logger;
}

/** A query value as WeCom sent it. Base64 has no spaces, so a space can only be a `+` the query parser decoded. */
function param(req: Request, name: string): string {
  const v = req.query[name];
  if (typeof v !== 'string' || v === '') throw new CallbackRefused(400, `missing ${name}`);
  return v.replace(/ /g, '+');
}

/**
 * GET: URL verification — echo the decrypted echostr as plain text, nothing else.
 * POST: verify → decrypt → check corp id → parse → record durably → 200 with an empty body; processing
 * happens after the answer (WeCom retries anything slower than 5 s, and a retry is then just a duplicate key).
 */
export function callbackRouter(opts: CallbackRouteOptions): Router {
  const r = Router();
  r.get(CALLBACK_PATH, (req, res) => {
    const echostr = param(req, 'echostr');
    opts.crypto.verify(param(req, 'msg_signature'), param(req, 'timestamp'), param(req, 'nonce'), echostr);
    res.status(200).type('text/plain').send(opts.crypto.open(echostr));
  });
  r.post(CALLBACK_PATH, express.text({ type: () => true, limit: '256kb' }), (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const { encrypt } = parseEnvelope(body);
    opts.crypto.verify(param(req, 'msg_signature'), param(req, 'timestamp'), param(req, 'nonce'), encrypt);
    const xml = opts.crypto.open(encrypt);
    const message = parseMessage(xml);
    const fresh = opts.store.record(dedupeKey(message), xml);
    res.status(200).end();
    if (fresh) opts.onRecorded();
  });
  r.use(CALLBACK_PATH, (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err instanceof CallbackRefused) {
      opts.log.warn({ status: err.status, reason: err.message, ip: req.ip }, 'WeCom callback refused');
      res.status(err.status).type('text/plain').send(err.message);
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).type('text/plain').send('the request body could not be read');
      return;
    }
    next(err);
  });
  return r;
}
