import { Router } from 'express';
import { z } from 'zod';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';
import { searchPeople } from '../../bot/services/people/searchPeople';
import type { ApiContext } from './context';
import { csvBody, IMPORT_LIMITS } from './csvBody';
import { parseWith } from './http';
import { accessOf, requireCapability } from './session';

const searchQuery = z.object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(200).default(50) });

export function peopleRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/people', (req, res) => {
    const { q, limit } = parseWith(searchQuery, req.query);
    res.json({ people: searchPeople(ctx.deps, q, limit, accessOf(req).visiblePeople()) });
  });
  r.post('/people/import', requireCapability('people.import'), ...csvBody(IMPORT_LIMITS.people), async (req, res) => {
    const { settings } = ctx.deps;
    const result = await importPeopleInSlices({ db: ctx.deps.db, now: ctx.deps.now, defaults: { timezone: settings.defaultTimezone, locale: settings.defaultLocale } }, req.body as string);
    res.json(result);
  });
  return r;
}
