import { Router } from 'express';
import { settingsView } from '../../bot/services/settings/settingsView';
import { updateSettings } from '../../bot/services/settings/updateSettings';
import type { ApiContext } from './context';
import { jsonBody } from './jsonBody';
import { actorOf, requireCapability } from './session';

/** The company settings: admins read and change them; a change applies to the next job run, no restart. */
export function settingsRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/settings', requireCapability('settings.manage'), (_req, res) => {
    res.json(settingsView(ctx.deps));
  });
  // The body is checked by the use case (every problem at once, with the merged result's rules).
  r.patch('/settings', requireCapability('settings.manage'), jsonBody('64kb'), (req, res) => {
    res.json(updateSettings(ctx.deps, actorOf(req), req.body));
  });
  return r;
}
