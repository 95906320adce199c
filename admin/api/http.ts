import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError, errorBody } from '../../bot/errors';
import { problemsOf } from '../../bot/domain/problems';
import type { Logger } from '../../bot/logger';
import { isStorageError } from '../../db/client';

/** Parses a request part with a zod schema, or answers 400 with every problem. */
export function parseWith<T extends z.ZodType>(schemaDef: T, value: unknown): z.infer<T> {
  const result = schemaDef.safeParse(value);
  if (!result.success) {
    throw new AppError('invalid_request', 'The request is not valid.', {
      status: 400,
      details: problemsOf(result.error.issues),
    });
  }
  return result.data;
}

/** The one place errors become responses: AppErrors as they are, anything else as a logged 500. */
export function errorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) {
      res.status(err.status).json(errorBody(err));
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    if (status === 413) {
      // body-parser refused a body over the route's limit (an import too big): say how big one may be
      const limit = (err as { limit?: number }).limit;
      const megabytes = limit ? `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` : 'the limit';
      res.status(413).json({ error: { code: 'payload_too_large', message: `The request body is larger than ${megabytes}, the most this endpoint accepts.`, details: { limit } } });
      return;
    }
    if (status && status >= 400 && status < 500) {
      // body-parser errors: malformed JSON, too large, wrong charset
      res.status(status).json({ error: { code: (err as { type?: string }).type ?? 'bad_request', message: 'The request body could not be read.' } });
      return;
    }
    if (isStorageError(err)) {
      // A full disk or a locked file: nothing was changed (the transaction rolled back); the client may retry later.
      log.error({ err: (err as Error).message, code: (err as { code: string }).code }, 'the database refused a request');
      res.status(503).set('Retry-After', '30').json({ error: { code: 'storage_unavailable', message: 'The server cannot store anything right now; nothing was changed. Try again later.' } });
      return;
    }
    log.error({ err }, 'unexpected error');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  };
}
