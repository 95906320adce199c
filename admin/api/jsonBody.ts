import express, { type RequestHandler } from 'express';
import { stripControl } from '../../bot/domain/stripControl';

/**
 * The API's one JSON body parser (route-local, so platform receivers keep their raw bodies): every string in the
 * body loses NUL and the other control characters before any schema sees it, so nothing the API stores has them.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({ limit, reviver: (_key, value: unknown) => (typeof value === 'string' ? stripControl(value) : value) });
}
