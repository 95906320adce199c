import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { correctMetric, metricCorrectionInput } from '../../bot/services/metrics/correctMetric';
import { defineMetric, metricDefinitionInput } from '../../bot/services/metrics/defineMetric';
import { importMetrics, metricImportInput } from '../../bot/services/metrics/importMetrics';
import { listMetricDefinitions, listMetrics } from '../../bot/services/metrics/listMetrics';
import { isPeriodKey, PERIOD_KEY_HINT } from '../../bot/services/metrics/metricPeriods';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

/** The metric catalogue, metric imports (all or nothing), a person's metrics, HR's corrections. */
export function metricRoutes(ctx: ApiContext): Router {
  const r = Router();
  const json = jsonBody('16kb');
  const { deps } = ctx;

  r.get('/metric-definitions', (_req, res) => {
    res.json({ definitions: listMetricDefinitions(deps.db) });
  });
  r.post('/metric-definitions', requireCapability('metrics.define'), json, (req, res) => {
    res.status(201).json(defineMetric(deps, actorOf(req), parseWith(metricDefinitionInput, req.body)));
  });

  // 10,000 records are about 1 MB of JSON; 50,000 fit.
  r.post('/metrics', requireCapability('metrics.import'), jsonBody('8mb'), (req, res) => {
    res.json(importMetrics(deps, actorOf(req), parseWith(metricImportInput, req.body)));
  });
  r.get('/metrics', (req, res) => {
    const q = parseWith(
      z.object({ email: z.string().trim().min(1).max(320).optional(), period: z.string().refine(isPeriodKey, PERIOD_KEY_HINT).optional() }),
      req.query,
    );
    const access = accessOf(req);
    let personId = req.user!.personId;
    if (q.email) {
      const person = deps.db.$client.prepare<[string], { id: number }>('select id from people where email = ?').get(q.email.toLowerCase());
      // whether an e-mail is in the directory is itself only for those who read everyone
      if (!person) throw access.readsEveryone ? new AppError('not_found', `No person with e-mail ${q.email}.`, { status: 404 }) : new AppError('forbidden', 'You may only see your own data and your reports’.', { status: 403 });
      personId = person.id;
    }
    if (personId == null) throw new AppError('no_person', 'This account is not linked to a person in the directory.', { status: 409 });
    access.requireRead(personId);
    res.json({ metrics: listMetrics(deps.db, personId, q.period) });
  });
  r.post('/metrics/correct', requireCapability('metrics.correct'), json, (req, res) => {
    res.json(correctMetric(deps, actorOf(req), parseWith(metricCorrectionInput, req.body)));
  });
  return r;
}
