import { Router } from 'express';
import { z } from 'zod';
import { deactivatePerson } from '../../bot/services/people/deactivatePerson';
import { importPeopleInSlices } from '../../bot/services/people/importPeople';
import { orgChart } from '../../bot/services/people/orgChart';
import { personProfile } from '../../bot/services/people/personProfile';
import { goalPeriodQuery } from '../../bot/services/goals/goalQueries';
import { previewPeopleImport } from '../../bot/services/people/previewPeopleImport';
import { searchPeople } from '../../bot/services/people/searchPeople';
import { personEdit, updatePerson } from '../../bot/services/people/updatePerson';
import type { ApiContext } from './context';
import { csvBody, IMPORT_LIMITS } from './csvBody';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const searchQuery = z.strictObject({
  q: z.string().max(100).default(''),
  department: z.string().trim().min(1).max(500).optional(),
  role: z.enum(['employee', 'manager', 'hr', 'admin']).optional(),
  manager: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  platform: z.enum(['local', 'slack', 'wecom']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const flag = z.enum(['0', '1']).transform((v) => v === '1');
const importQuery = z.strictObject({ preview: flag.default(false), deactivateMissing: flag.default(false), confirm: z.string().regex(/^[0-9a-f]{32}$/).optional() });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const deactivateBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(500) });

export function peopleRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/people', (req, res) => {
    const { q, manager, ...filter } = parseWith(searchQuery, req.query);
    res.json(searchPeople(ctx.deps, { ...filter, q, managerId: manager }, accessOf(req).visiblePeople()));
  });
  r.get('/people/org-chart', (req, res) => {
    res.json(orgChart(ctx.deps, accessOf(req).visiblePeople()));
  });
  r.post('/people/import', requireCapability('people.import'), ...csvBody(IMPORT_LIMITS.people), async (req, res) => {
    const { preview, deactivateMissing, confirm } = parseWith(importQuery, req.query);
    const { settings } = ctx.deps;
    const deps = { db: ctx.deps.db, now: ctx.deps.now, instance: ctx.deps.instance, defaults: { timezone: settings.defaultTimezone, locale: settings.defaultLocale } };
    if (preview) {
      res.json(await previewPeopleImport(deps, req.body as string, { deactivateMissing }));
      return;
    }
    res.json(await importPeopleInSlices(deps, req.body as string, { deactivateMissing, expectPlan: confirm, actor: actorOf(req) }));
  });
  r.get('/people/:id', (req, res) => {
    const { id } = parseWith(idParam, req.params);
    const period = parseWith(goalPeriodQuery, req.query);
    accessOf(req).requireRead(id);
    res.json(personProfile(ctx.deps, accessOf(req), id, period));
  });
  r.patch('/people/:id', requireCapability('people.edit'), jsonBody('16kb'), (req, res) => {
    const { id } = parseWith(idParam, req.params);
    const input = parseWith(personEdit, req.body);
    res.json(updatePerson(ctx.deps, accessOf(req), actorOf(req), id, input));
  });
  r.post('/people/:id/deactivate', requireCapability('people.edit'), jsonBody('4kb'), (req, res) => {
    const { id } = parseWith(idParam, req.params);
    const { reason } = parseWith(deactivateBody, req.body);
    res.json(deactivatePerson(ctx.deps, accessOf(req), actorOf(req), id, reason));
  });
  return r;
}
