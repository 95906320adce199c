import express, { type RequestHandler } from 'express';
import { stripControl } from '../../bot/domain/stripControl';
import { AppError } from '../../bot/errors';

/**
 * Upload caps for CSV imports. People: 16 MB, about 100,000 people in the documented format (~150 bytes a row);
 * the demo company's 176 people are 20 KB. Goals: 2 MB, about 13,000 goals, since each goal also writes its
 * checkpoints. A larger body is refused before it is read: 413 payload_too_large (errorHandler).
 */
export const IMPORT_LIMITS = { people: '16mb', goals: '2mb' } as const;

/** Reads a text/csv body up to `limit`, refuses other types (415) and drops control characters (keeping tabs and line ends). */
export function csvBody(limit: string): [RequestHandler, RequestHandler] {
  return [
    express.text({ type: ['text/csv', 'text/plain'], limit }),
    (req, _res, next) => {
      if (typeof req.body !== 'string') return next(new AppError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv.', { status: 415 }));
      req.body = stripControl(req.body);
      next();
    },
  ];
}
