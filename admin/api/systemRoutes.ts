import { Router } from 'express';
import type { ApiContext } from './context';
import { accessOf } from './session';

export function systemRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/system/status', (req, res) => {
    // Operational warnings (holiday data missing…) are for the people who can act on them.
    res.json({ warnings: accessOf(req).can('system.warnings') ? ctx.warnings() : [] });
  });
  return r;
}
