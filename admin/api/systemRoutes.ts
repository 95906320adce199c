import { Router } from 'express';
import type { ApiContext } from './context';

export function systemRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/system/status', (_req, res) => {
    res.json({ warnings: ctx.warnings() });
  });
  return r;
}
