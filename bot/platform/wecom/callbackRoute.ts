import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError, errorBody } from '../../errors';
import type { Logger } from '../../logger';
import { CallbackRefused, type CallbackCrypto } from './callbackCrypto';
import { encryptOf } from './callbackEnvelope';
import { checkFresh } from './callbackWindow';
import { dedupeKey, parseMessage, type CallbackMessage } from './callbackXml';
import type { PlatformHost } from '../plugin';
import type { InboundRow, InboundStore } from './inboundStore';

export const CALLBACK_PATH = '/wecom/callback';
/** The largest callback body read. WeCom's messages are a few KB (text is capped at 2048 bytes); 256 KB is ample. */
export const WECOM_BODY_LIMIT_BYTES = 256 * 1024;

export interface CallbackRouteOptions {
  crypto: CallbackCrypto;
  store: InboundStore;
  /** Called after the 200 went out for a newly recorded event (its row and the message as parsed): process it now. */
  onRecorded: (row: InboundRow, message: CallbackMessage) => void;
  /** Runs a write in the process's group commit (db/groupCommit.ts); resolves once it is committed. */
  commit: PlatformHost['commit'];
  /** The shared raw-body reader with our limit (413 beyond it), from the platform host. */
  readBody: RequestHandler;
  log: Logger;
  /** The machine's clock for the timestamp window (default: Date.now, read at each call); the business clock plays no part. */
  wallClockMs?: () => number;
}

/** A query value as WeCom sent it. Base64 has no spaces, so a space can only be a `+` the query parser decoded. */
function param(req: Request, name: string): string {
  const v = req.query[name];
  if (typeof v !== 'string' || v === '') throw new CallbackRefused(400, 'missing_parameter', `The query parameter ${name} is missing.`);
  return v.replace(/ /g, '+');
}

/**
 * GET: URL verification — echo the decrypted echostr as plain text, nothing else (WeCom dictates that).
 * POST: body read with a limit → timestamp window → `<Encrypt>` taken by a strict pattern (no XML parse of the
 * unsigned body) → signature → decrypt → corp id → parse the decrypted XML → record durably → 200 with an empty
 * body (the record shares one commit with the callbacks of the same turn); processing happens after the answer (WeCom retries anything slower than 5 s, and a retry is then just a
 * duplicate key). Every refusal is answered in the usual error shape, `{"error":{"code","message"}}`.
 */
export function mountCallbackRoutes(web: Express, opts: CallbackRouteOptions): void {
  const wallClockMs = opts.wallClockMs ?? (() => Date.now());
  // On the app itself, not in a Router of their own: a nested router was a second layer walk per callback (~2 % of
  // one in the profile), and every other request of the app walked it too.
  web.get(CALLBACK_PATH, (req, res) => {
    const echostr = param(req, 'echostr');
    const [signature, timestamp, nonce] = [param(req, 'msg_signature'), param(req, 'timestamp'), param(req, 'nonce')];
    checkFresh(timestamp, wallClockMs());
    opts.crypto.verify(signature, timestamp, nonce, echostr);
    res.status(200).type('text/plain').send(opts.crypto.open(echostr));
  });
  web.post(CALLBACK_PATH, opts.readBody, async (req, res) => {
    const [signature, timestamp, nonce] = [param(req, 'msg_signature'), param(req, 'timestamp'), param(req, 'nonce')];
    checkFresh(timestamp, wallClockMs());
    const encrypt = encryptOf((req.rawBody ?? Buffer.alloc(0)).toString('utf8'));
    opts.crypto.verify(signature, timestamp, nonce, encrypt);
    const xml = opts.crypto.open(encrypt);
    const message = parseMessage(xml);
    // Recorded in the group commit of this turn (one commit for the callbacks that arrived together); the 200 goes
    // out only once the commit holds it.
    const key = dedupeKey(message);
    const recorded = await opts.commit(() => opts.store.record(key, xml), { oneStatement: true });
    res.status(200).end();
    if (recorded) opts.onRecorded(recorded, message);
  });
  web.use(CALLBACK_PATH, (err: unknown, req: Request, res: Response, next: NextFunction) => {
    // The client's fault: one warn line with the reason and where it came from, never a stack.
    if (err instanceof AppError && err.status < 500) {
      opts.log.warn({ status: err.status, reason: err.code, ip: req.ip }, 'WeCom callback refused');
      res.status(err.status).json(errorBody(err));
      return;
    }
    next(err); // ours: the app's error handler logs it and answers 500
  });
}
