import type { RequestHandler } from 'express';
import { AppError, errorBody } from '../errors';
import type { Logger } from '../logger';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * The exact bytes of the body, set by readRawBody(). Signature checks need the bytes as sent, and Bolt's
     * ExpressReceiver takes this property instead of reading the (by then consumed) stream itself.
     */
    rawBody?: Buffer;
  }
}

/**
 * Reads the request body into `req.rawBody`, refusing anything over `limit` bytes with 413 before it is buffered.
 *
 * This is the one body reader of the public, unauthenticated routes that check a signature over the raw bytes:
 * POST /slack/events, POST /wecom/callback, and the integration webhooks (POST /integrations/jira/webhook and
 * /integrations/tapd/webhook, 1 MB) — mount it first on such a route. Without a limit, Bolt read whatever arrived
 * before it checked the signature: a 200 MB body with a bad signature took the process to 1.17 GB.
 *
 * A declared Content-Length over the limit is refused before a byte is read; a chunked body is cut off as soon as
 * it passes the limit and what came so far is dropped. The refusal says `Connection: close`, so Node closes the
 * socket once the answer is out instead of reading off the rest of the upload: the client cannot keep streaming.
 * No decompression: the signed bytes are the bytes on the wire, and Slack and WeCom send them as they are.
 */
export function readRawBody(opts: { limit: number; log: Logger }): RequestHandler {
  return (req, res, next) => {
    if (req.rawBody) return next(); // already read (the middleware mounted twice on a path)

    const refuseTooLarge = (seen: number) => {
      opts.log.warn({ path: req.path, ip: req.ip, bytes: seen, limit: opts.limit }, 'request body over the limit refused');
      res.set('Connection', 'close');
      res.status(413).json(errorBody(new AppError('payload_too_large', `The request body is larger than ${opts.limit} bytes.`, { status: 413 })));
    };

    const declared = Number(req.get('content-length'));
    if (declared > opts.limit) return refuseTooLarge(declared);

    let chunks: Buffer[] = [];
    let received = 0;
    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', detach);
      req.off('close', detach);
    };
    function onData(chunk: Buffer) {
      received += chunk.length;
      if (received > opts.limit) {
        detach();
        chunks = [];
        req.pause(); // read no further; the socket closes after the 413
        refuseTooLarge(received);
        return;
      }
      chunks.push(chunk);
    }
    function onEnd() {
      detach();
      req.rawBody = Buffer.concat(chunks, received);
      next();
    }
    req.on('data', onData);
    req.on('end', onEnd);
    // The client went away mid-body: nobody is left to answer, just let go of what was read.
    req.on('error', detach);
    req.on('close', detach);
  };
}
