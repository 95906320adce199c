import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { appealReport } from '../../bot/services/appeals/appealReport';
import { listAppeals } from '../../bot/services/appeals/listAppeals';
import { resolveAppeal } from '../../bot/services/appeals/resolveAppeal';
import { startAppeal } from '../../bot/services/appeals/startAppeal';
import { cycleReport } from '../../bot/services/calibration/cycleReport';
import { cycleReportCsv, cycleReportXlsx } from '../../bot/services/calibration/exportCycleReport';
import { XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import { pulseReport } from '../../bot/services/pulse/pulseReport';
import { asLocale } from '../../bot/i18n';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const appealBody = z.strictObject({ reviewId: z.number().int().positive(), reason: z.string().trim().min(1, 'a reason is required').max(4000) });
const resolveBody = z
  .strictObject({
    outcome: z.enum(['upheld', 'changed']),
    grade: z.string().min(1).max(8).optional(),
    note: z.string().trim().min(1, 'a note to the person is required').max(4000),
    overrideReason: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.outcome !== 'changed' || b.grade, { path: ['grade'], message: 'the new grade is required when the outcome is "changed"' });
const listQuery = z.strictObject({ status: z.enum(['open', 'upheld', 'changed']).optional(), cycleId: z.coerce.number().int().positive().optional() });
const reportQuery = z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
const idOf = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/** Appeals (申诉) of released grades, the cycle report (before/after calibration), and the appeal and pulse reports. */
export function appealRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('64kb');

  // The queue: HR and admins see every appeal, a manager their subtree's, anyone their own.
  r.get('/appeals', (req, res) => {
    const filter = parseWith(listQuery, req.query);
    res.json({ appeals: listAppeals(deps.db, { ...filter, people: accessOf(req).visiblePeople() }, deps.now()) });
  });
  // My page: a person appeals their own released review.
  r.post('/appeals', json, async (req, res) => {
    const personId = req.user!.personId;
    if (personId == null) throw new AppError('no_person', 'This account is not a person in the directory.', { status: 409 });
    const body = parseWith(appealBody, req.body);
    const appeal = startAppeal(deps, { personId, reason: body.reason, reviewId: body.reviewId, channel: 'web' });
    await ctx.flushOutbox();
    res.status(201).json(appeal);
  });
  r.post('/appeals/:id/resolve', requireCapability('appeals.resolve'), json, async (req, res) => {
    const body = parseWith(resolveBody, req.body);
    const owner = deps.db.$client.prepare<[number], { personId: number }>(`select person_id as personId from review_appeals where id = ?`).get(idOf(req));
    if (!owner) throw new AppError('not_found', 'No such appeal.', { status: 404 });
    accessOf(req).requireResolveAppealOf(owner.personId);
    const result = resolveAppeal(deps, idOf(req), body, actorOf(req));
    await ctx.flushOutbox();
    res.json(result);
  });
  r.get('/appeals/report', requireCapability('reviews.report'), (_req, res) => {
    res.json(appealReport(deps.db));
  });
  r.get('/pulse/report', requireCapability('reviews.report'), (_req, res) => {
    res.json(pulseReport(deps.db));
  });
  // Distribution before/after calibration per department and manager, and the change list; HR all, managers their subtree.
  r.get('/review-cycles/:id/report', async (req, res) => {
    const access = accessOf(req);
    if (!access.readsEveryone && access.subtree().size === 0) access.require('reviews.report');
    const { format } = parseWith(reportQuery, req.query);
    const visible = access.readsEveryone ? null : [...access.subtree()];
    const report = cycleReport(deps.db, idOf(req), visible);
    const locale = asLocale(req.user!.locale, deps.settings.defaultLocale);
    const file = `cycle-${report.cycle.id}-report`;
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(cycleReportCsv(report, locale));
    } else if (format === 'xlsx') {
      res.type(XLSX_TYPE).attachment(`${file}.xlsx`).send(await cycleReportXlsx(report, locale));
    } else {
      res.json(report);
    }
  });
  return r;
}
