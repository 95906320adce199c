import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../db/schema';
import { AppError } from '../../bot/errors';
import { asLocale, t } from '../../bot/i18n';
import { progressLog, progressLogCsv, progressLogSheet, type LogHeaders } from '../../bot/services/standup/progressLog';
import { writeWorkbook, XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { accessOf } from './session';

const query = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  email: z.email().optional(),
  department: z.string().trim().max(500).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  locale: z.enum(['zh-CN', 'en']).optional(),
});

/** GET /api/progress-log: standup answers by week and person, as JSON or a CSV or XLSX download. */
export function progressLogRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/progress-log', async (req, res) => {
    const q = parseWith(query, req.query);
    const user = req.user!;
    const person = q.email ? ctx.deps.db.select({ id: people.id }).from(people).where(eq(people.email, q.email.toLowerCase())).get() : undefined;
    if (q.email && !person) throw new AppError('not_found', `No person with e-mail ${q.email}.`, { status: 404 });
    // Yours, your reporting subtree's, or (HR, admin) everyone's: the same for the JSON and the CSV.
    const access = accessOf(req);
    if (person) access.requireRead(person.id);
    const locale = asLocale(q.locale ?? user.locale);
    const entries = progressLog(ctx.deps.db, { from: q.from, to: q.to, personId: person?.id, personIds: access.visiblePeople(), departmentPath: q.department, locale });
    if (q.format === 'json') return void res.json({ entries });
    const h = (k: string) => t(locale, `log.${k}`);
    const headers: LogHeaders = { week: h('week'), name: h('name'), email: h('email'), department: h('department'), status: h('status'), onTime: h('onTime'), late: h('late'), missing: h('missing'), blocker: h('blocker'), edited: h('edited'), yes: h('yes'), enteredBy: h('enteredBy') };
    const file = `progress-log-${q.from}-${q.to}`;
    if (q.format === 'csv') return void res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(progressLogCsv(entries, headers));
    const book = await writeWorkbook([progressLogSheet(entries, headers, h('sheet'))]);
    res.type(XLSX_TYPE).attachment(`${file}.xlsx`).send(book);
  });
  return r;
}
