import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { asLocale } from '../../bot/i18n';
import { XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import { nineBoxCsv, nineBoxXlsx, profileCsv, profileXlsx } from '../../bot/services/talent/exportTalent';
import { nineBoxHistory } from '../../bot/services/talent/nineBoxHistory';
import { profileView } from '../../bot/services/talent/profileView';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { accessOf } from './session';

const format = z.enum(['json', 'csv', 'xlsx']).default('json');
const profileQuery = z.strictObject({ format });
const nineBoxQuery = z.strictObject({
  format,
  department: z.string().trim().min(1).max(200).optional(),
  cycles: z.coerce.number().int().min(1).max(50).optional(),
  kind: z.enum(['monthly', 'quarterly', 'annual']).optional(),
});
const idParam = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/** Talent (issue 16): a person's profile and the 9-box over time; who may read what is the policy's (Access). */
export function talentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const localeOf = (req: Request) => asLocale(req.user!.locale, deps.settings.defaultLocale);
  r.get('/talent/people/:id/profile', async (req, res) => {
    const { format } = parseWith(profileQuery, req.query);
    const view = profileView(deps, accessOf(req), idParam(req), localeOf(req));
    const file = `talent-profile-${view.person.id}`;
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(profileCsv(view, localeOf(req)));
    else if (format === 'xlsx') res.type(XLSX_TYPE).attachment(`${file}.xlsx`).send(await profileXlsx(view, localeOf(req)));
    else res.json(view);
  });
  r.get('/talent/nine-box', async (req, res) => {
    const { format, ...query } = parseWith(nineBoxQuery, req.query);
    const box = nineBoxHistory(deps, accessOf(req), query);
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment('talent-nine-box.csv').send(nineBoxCsv(box, localeOf(req)));
    else if (format === 'xlsx') res.type(XLSX_TYPE).attachment('talent-nine-box.xlsx').send(await nineBoxXlsx(box, localeOf(req)));
    else res.json(box);
  });
  return r;
}
