import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { CONNECTOR_KEYS } from '../../bot/services/integrations/connector';
import { importHelpdeskCsv } from '../../bot/services/integrations/helpdesk/importHelpdeskCsv';
import { withoutWriting } from '../../db/client';
import { listConnectors, listQuarantine, listRuns } from '../../bot/services/integrations/listConnectors';
import { connectorOf } from '../../bot/services/integrations/registry';
import { runConnector } from '../../bot/services/integrations/runConnector';
import { connectorInput, saveConnector } from '../../bot/services/integrations/saveConnector';
import type { ApiContext } from './context';
import { csvBody } from './csvBody';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { actorOf, requireCapability } from './session';

const keyOf = (raw: unknown) => {
  const c = connectorOf(String(raw));
  if (!c) throw new AppError('not_found', `There is no connector "${String(raw)}".`, { status: 404 });
  return c;
};
const listQuery = z.strictObject({ connector: z.enum(CONNECTOR_KEYS).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });

/** The connectors (issue 12): admins configure and run them; HR reads them, their runs and the quarantine. */
export function integrationRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('1mb');

  r.get('/integrations', requireCapability('integrations.read'), (_req, res) => {
    res.json({ connectors: listConnectors(deps) });
  });
  r.get('/integrations/runs', requireCapability('integrations.read'), (req, res) => {
    const q = parseWith(listQuery, req.query);
    res.json({ runs: listRuns(deps.db, q.connector, q.limit) });
  });
  r.get('/integrations/quarantine', requireCapability('integrations.read'), (req, res) => {
    const q = parseWith(listQuery, req.query);
    res.json({ quarantine: listQuarantine(deps.db, q.connector, q.limit) });
  });
  // Zendesk exports of a few thousand tickets are a few MB.
  r.post('/integrations/helpdesk/import', requireCapability('integrations.configure'), ...csvBody('16mb'), (req, res) => {
    const q = parseWith(z.strictObject({ name: z.string().trim().min(1).max(200).default('upload.csv'), dryRun: z.enum(['1', 'true']).optional() }), req.query);
    const run = () => importHelpdeskCsv(deps, actorOf(req), req.body as string, { name: q.name, trigger: 'upload' });
    // ?dryRun=1: what the file would write, computed for real and rolled back
    const result = q.dryRun ? withoutWriting(deps.db, run) : run();
    res.json({ rows: result.rows, people: result.people, metrics: result.metrics, quarantined: result.quarantined, duplicate: result.duplicate, ...(q.dryRun ? { dryRun: true } : {}) });
  });
  r.put('/integrations/:key', requireCapability('integrations.configure'), json, (req, res) => {
    const connector = keyOf(req.params.key);
    saveConnector(deps, actorOf(req), connector, parseWith(connectorInput, req.body));
    res.json({ connector: listConnectors(deps).find((c) => c.key === connector.key) });
  });
  r.post('/integrations/:key/run', requireCapability('integrations.configure'), json, async (req, res) => {
    const connector = keyOf(req.params.key);
    const body = parseWith(z.strictObject({ dryRun: z.boolean().default(false) }), req.body ?? {});
    res.json(await runConnector(deps, connector, { trigger: 'manual', dryRun: body.dryRun }));
  });
  return r;
}
