import { Router } from 'express';
import { z } from 'zod';
import { forbidden } from '../../bot/services/auth/policy';
import { hrOverview } from '../../bot/services/people/hrOverview';
import { nudge } from '../../bot/services/people/nudge';
import { teamWeek } from '../../bot/services/people/teamWeek';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, requireCapability } from './session';

const weekQuery = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48').optional() });
const nudgeBody = z.strictObject({ personId: z.number().int().positive() });

/** My team (managers: the whole reporting subtree; HR and admins: everyone) and HR's overview. */
export function teamRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;

  r.get('/team/week', (req, res) => {
    const access = accessOf(req);
    if (!access.readsEveryone && !req.user!.isManager) throw forbidden('My team is for people with reports.');
    const { week } = parseWith(weekQuery, req.query);
    // A manager's team is below them; HR and admins see everyone.
    res.json(teamWeek(deps, access.readsEveryone ? null : [...access.subtree()], week));
  });
  r.post('/team/nudge', jsonBody('4kb'), async (req, res) => {
    const { personId } = parseWith(nudgeBody, req.body);
    if (!accessOf(req).canManage(personId)) throw forbidden('You may nudge only people in your reporting line.');
    nudge(deps, personId, req.user!.name);
    await ctx.flushOutbox();
    res.status(202).json({ sent: true });
  });
  r.get('/hr/overview', requireCapability('hr.overview'), (_req, res) => {
    res.json(hrOverview(deps));
  });
  return r;
}
