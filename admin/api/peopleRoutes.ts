import { Router } from 'express';
import express from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { importPeople } from '../../bot/services/people/importPeople';
import { searchPeople } from '../../bot/services/people/searchPeople';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { accessOf, requireCapability } from './session';

const searchQuery = z.object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(200).default(50) });

export function peopleRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/people', (req, res) => {
    const { q, limit } = parseWith(searchQuery, req.query);
    res.json({ people: searchPeople(ctx.deps, q, limit, accessOf(req).visiblePeople()) });
  });
  r.post('/people/import', requireCapability('people.import'), express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }), (req, res) => {
    if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv.', { status: 415 });
    const { settings } = ctx.deps;
    const result = importPeople({ db: ctx.deps.db, now: ctx.deps.now, defaults: { timezone: settings.defaultTimezone, locale: settings.defaultLocale } }, req.body);
    res.json(result);
  });
  return r;
}
