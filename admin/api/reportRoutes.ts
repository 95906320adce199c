import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { asLocale, type Locale } from '../../bot/i18n';
import { localDate } from '../../bot/domain/localTime';
import { ROLE_FUNCTIONS } from '../../bot/domain/roleDashboards';
import { csvTable } from '../../bot/services/exports/csvTable';
import { writeWorkbook, XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import { blockerTrend } from '../../bot/services/reports/blockerTrend';
import { cycleReport } from '../../bot/services/reports/cycleReport';
import { overdueTrend } from '../../bot/services/reports/overdueTrend';
import { pointsDistribution } from '../../bot/services/reports/pointsDistribution';
import { reportTables, type Table } from '../../bot/services/reports/reportTables';
import { reviewCompletion } from '../../bot/services/reports/reviewCompletion';
import { roleDashboard } from '../../bot/services/reports/roleDashboard';
import { standupParticipation } from '../../bot/services/reports/standupParticipation';
import { people } from '../../db/schema';
import { eq } from 'drizzle-orm';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { accessOf, requireCapability } from './session';

const common = {
  department: z.string().trim().min(1).max(500).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  locale: z.enum(['zh-CN', 'en']).optional(),
};
const range = z
  .strictObject({ from: z.iso.date(), to: z.iso.date(), ...common })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: 'at most three years', path: ['to'] });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const pointsQuery = z.strictObject({ month, ...common });
const completionQuery = z.strictObject({ ...common, limit: z.coerce.number().int().min(1).max(50).default(12) });
const rolesQuery = z
  .strictObject({ function: z.enum(ROLE_FUNCTIONS), from: month, to: month, email: z.email().max(320).optional(), ...common })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
const cycleQuery = z.strictObject({ cycleId: z.coerce.number().int().positive(), locale: z.enum(['zh-CN', 'en']).optional() });

/**
 * The dashboards' data (participation, blockers, overdue trend, points, review completion, role dashboards), each as
 * JSON or its table as CSV, always limited to the people the caller may see (the policy's visiblePeople: yourself and
 * your subtree, everyone for HR/admin) and optionally one department; and HR's cycle report as XLSX.
 */
export function reportRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const today = () => localDate(deps.now(), deps.settings.defaultTimezone);
  const scopeOf = (req: Parameters<typeof accessOf>[0], department?: string) => ({ personIds: accessOf(req).visiblePeople(), department });
  /** JSON as it is, or the chart's table as a CSV download. */
  const answer = (res: Response, q: { format: 'json' | 'csv' }, file: string, body: object, table: () => Table) => {
    if (q.format === 'json') return void res.json(body);
    const { header, rows } = table();
    res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(csvTable(header, rows));
  };
  const localeOf = (req: Parameters<typeof accessOf>[0], wanted?: Locale) => asLocale(wanted ?? req.user!.locale);

  r.get('/reports/participation', (req, res) => {
    const q = parseWith(range, req.query);
    const data = standupParticipation(deps.db, { from: q.from, to: q.to, scope: scopeOf(req, q.department) });
    answer(res, q, `participation-${q.from}-${q.to}`, data, () => reportTables.participation(data, localeOf(req, q.locale)));
  });
  r.get('/reports/blockers', (req, res) => {
    const q = parseWith(range, req.query);
    const data = blockerTrend(deps.db, { from: q.from, to: q.to, scope: scopeOf(req, q.department) });
    answer(res, q, `blockers-${q.from}-${q.to}`, data, () => reportTables.blockers(data.weeks, localeOf(req, q.locale)));
  });
  r.get('/reports/overdue', (req, res) => {
    const q = parseWith(range, req.query);
    const data = overdueTrend(deps.db, { from: q.from, to: q.to, today: today(), scope: scopeOf(req, q.department) });
    answer(res, q, `overdue-${q.from}-${q.to}`, data, () => reportTables.overdue(data.weeks, localeOf(req, q.locale)));
  });
  r.get('/reports/points', (req, res) => {
    const q = parseWith(pointsQuery, req.query);
    const data = pointsDistribution(deps.db, { month: q.month, scope: scopeOf(req, q.department) });
    answer(res, q, `points-${q.month}`, data, () => reportTables.points(data, localeOf(req, q.locale)));
  });
  r.get('/reports/review-completion', (req, res) => {
    const q = parseWith(completionQuery, req.query);
    const data = reviewCompletion(deps.db, { scope: scopeOf(req, q.department), limit: q.limit });
    answer(res, q, 'review-completion', data, () => reportTables.reviewCompletion(data.cycles, localeOf(req, q.locale)));
  });
  r.get('/reports/roles', (req, res) => {
    const q = parseWith(rolesQuery, req.query);
    let personId: number | undefined;
    if (q.email) {
      const person = deps.db.select({ id: people.id }).from(people).where(eq(people.email, q.email.toLowerCase())).get();
      if (!person) throw new AppError('not_found', `No person with e-mail ${q.email}.`, { status: 404 });
      accessOf(req).requireRead(person.id);
      personId = person.id;
    }
    const data = roleDashboard(deps.db, { fn: q.function, from: q.from, to: q.to, personId, scope: scopeOf(req, q.department) });
    answer(res, q, `${q.function}-${q.from}-${q.to}`, data, () => reportTables.roles(data, localeOf(req, q.locale)));
  });
  r.get('/reports/cycle', requireCapability('reports.cycle'), async (req, res) => {
    const q = parseWith(cycleQuery, req.query);
    const report = cycleReport(deps.db, { cycleId: q.cycleId, locale: localeOf(req, q.locale) });
    const book = await writeWorkbook(report.sheets);
    res.type(XLSX_TYPE).attachment(`cycle-report-${q.cycleId}.xlsx`).send(book);
  });
  return r;
}
