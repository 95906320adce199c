import { Router, type Request } from 'express';
import { z } from 'zod';
import { POOL_MEMBER_STATUSES } from '../../db/schema/talentPools';
import { asLocale } from '../../bot/i18n';
import { AppError } from '../../bot/errors';
import { XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import { checkPoolRule } from '../../bot/services/talent/pools/checkPoolRule';
import { decideMember } from '../../bot/services/talent/pools/decideMember';
import { poolReportCsv, poolReportXlsx } from '../../bot/services/talent/pools/exportPoolReport';
import { listPools } from '../../bot/services/talent/pools/listPools';
import { poolView } from '../../bot/services/talent/pools/poolMembers';
import { poolReport } from '../../bot/services/talent/pools/poolReport';
import { proposeMembers } from '../../bot/services/talent/pools/proposeMembers';
import { removeMember } from '../../bot/services/talent/pools/removeMember';
import { createPool, updatePool } from '../../bot/services/talent/pools/savePool';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { actorOf, requireCapability } from './session';

const name = z.string().trim().min(1).max(80);
const description = z.string().trim().max(2000);
const rule = z.string().trim().min(1).max(1000);
const poolBody = z.strictObject({ name, description: description.optional(), rule, active: z.boolean().optional() });
const poolPatch = z.strictObject({ name: name.optional(), description: description.optional(), rule: rule.optional(), active: z.boolean().optional() });
const checkBody = z.strictObject({ rule: z.string().max(1000), personId: z.number().int().positive().optional() });
const decisionBody = z.strictObject({ decision: z.enum(['accept', 'decline']), reason: z.string().trim().max(2000).optional() });
const removeBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const viewQuery = z.strictObject({ status: z.enum(POOL_MEMBER_STATUSES).optional() });
const reportQuery = z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
const num = (req: Request, key: 'id' | 'memberId') => {
  const n = Number(req.params[key]);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/**
 * Talent pools (issue 16): HR and admins (talent.pools.manage) define pools with an entry rule, have the system
 * propose members with the reason, accept or decline each (audited), remove members, and read the pool report.
 */
export function talentPoolRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('64kb');
  const manage = requireCapability('talent.pools.manage');

  r.get('/talent/pools', manage, (_req, res) => {
    res.json({ pools: listPools(deps.db) });
  });
  r.post('/talent/pools', manage, json, (req, res) => {
    res.status(201).json(createPool(deps, parseWith(poolBody, req.body), actorOf(req)));
  });
  r.get('/talent/pools/report', manage, async (req, res) => {
    const { format } = parseWith(reportQuery, req.query);
    const report = poolReport(deps.db);
    const locale = asLocale(req.user!.locale, deps.settings.defaultLocale);
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment('talent-pools.csv').send(poolReportCsv(report, locale));
    else if (format === 'xlsx') res.type(XLSX_TYPE).attachment('talent-pools.xlsx').send(await poolReportXlsx(report, locale));
    else res.json(report);
  });
  r.post('/talent/pools/check-rule', manage, json, (req, res) => {
    res.json(checkPoolRule(deps, parseWith(checkBody, req.body)));
  });
  r.get('/talent/pools/:id', manage, (req, res) => {
    res.json(poolView(deps.db, num(req, 'id'), parseWith(viewQuery, req.query).status));
  });
  r.patch('/talent/pools/:id', manage, json, (req, res) => {
    res.json(updatePool(deps, num(req, 'id'), parseWith(poolPatch, req.body), actorOf(req)));
  });
  r.post('/talent/pools/:id/propose', manage, (req, res) => {
    res.json(proposeMembers(deps, { poolId: num(req, 'id'), actor: actorOf(req) }));
  });
  r.post('/talent/pools/:id/members/:memberId/decision', manage, json, (req, res) => {
    const body = parseWith(decisionBody, req.body);
    res.json(decideMember(deps, { poolId: num(req, 'id'), memberId: num(req, 'memberId'), ...body }, actorOf(req)));
  });
  r.post('/talent/pools/:id/members/:memberId/remove', manage, json, (req, res) => {
    const body = parseWith(removeBody, req.body);
    res.json(removeMember(deps, { poolId: num(req, 'id'), memberId: num(req, 'memberId'), reason: body.reason }, actorOf(req)));
  });
  return r;
}
