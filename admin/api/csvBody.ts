import express, { type RequestHandler } from 'express';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stripControl } from '../../bot/domain/stripControl';
import { AppError } from '../../bot/errors';

/**
 * Upload caps for CSV imports. People: 16 MB, about 100,000 people in the documented format (~150 bytes a row);
 * the demo company's 176 people are 20 KB. Goals: 2 MB, about 13,000 goals, since each goal also writes its
 * checkpoints. A larger body is refused before it is read: 413 payload_too_large (errorHandler).
 */
export const IMPORT_LIMITS = { people: '16mb', goals: '2mb' } as const;

/** Bytes decoded per turn of the event loop: a few ms of UTF-8 decoding (CJK text decodes at ~50 MB/s here). */
const DECODE_SLICE = 256 * 1024;

/**
 * Reads a text/csv body up to `limit`, refuses other types (415) and drops control characters (keeping tabs and line
 * ends). The bytes are decoded and cleaned a slice at a time with a turn of the event loop between slices (a streaming
 * TextDecoder carries a character split across slices; a leading BOM is dropped), because a 16 MB file decoded in
 * one go held the loop for about half a second, longer on a busy machine.
 */
export function csvBody(limit: string): [RequestHandler, RequestHandler] {
  return [
    express.raw({ type: ['text/csv', 'text/plain'], limit }),
    (req, _res, next) => {
      if (!Buffer.isBuffer(req.body)) return next(new AppError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv.', { status: 415 }));
      const charset = /charset=\s*"?([\w.:-]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1] ?? 'utf-8';
      let decoder: TextDecoder;
      try {
        decoder = new TextDecoder(charset); // utf-8 by default; gbk / gb18030 from older Excel exports too
      } catch {
        return next(new AppError('unsupported_media_type', `Unknown charset "${charset}": send the CSV as UTF-8.`, { status: 415 }));
      }
      decodeInSlices(req.body, decoder).then((text) => {
        req.body = text;
        next();
      }, next);
    },
  ];
}

async function decodeInSlices(bytes: Buffer, decoder: TextDecoder): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += DECODE_SLICE) {
    const end = Math.min(bytes.length, start + DECODE_SLICE);
    parts.push(stripControl(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length })));
    if (end < bytes.length) await nextTurn();
  }
  return parts.join('');
}
