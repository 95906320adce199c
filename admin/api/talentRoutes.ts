import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { asLocale } from '../../bot/i18n';
import { nineBoxHistory } from '../../bot/services/talent/nineBoxHistory';
import { profileView } from '../../bot/services/talent/profileView';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { accessOf } from './session';

const nineBoxQuery = z.strictObject({
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
  r.get('/talent/people/:id/profile', (req, res) => {
    res.json(profileView(deps, accessOf(req), idParam(req), asLocale(req.user!.locale, deps.settings.defaultLocale)));
  });
  r.get('/talent/nine-box', (req, res) => {
    res.json(nineBoxHistory(deps, accessOf(req), parseWith(nineBoxQuery, req.query)));
  });
  return r;
}
