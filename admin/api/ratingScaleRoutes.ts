import { Router } from 'express';
import { currentScale, saveScale, scaleInput } from '../../bot/services/reviews/ratingScaleAdmin';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { actorOf, requireCapability } from './session';

/** The rating scale: everyone signed in reads it; HR and admins change it (open cycles keep their own copy). */
export function ratingScaleRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  r.get('/rating-scale', (_req, res) => {
    res.json({ grades: currentScale(deps.db) });
  });
  r.put('/rating-scale', requireCapability('scale.edit'), jsonBody('16kb'), (req, res) => {
    res.json({ grades: saveScale(deps, actorOf(req), parseWith(scaleInput, req.body)) });
  });
  return r;
}
