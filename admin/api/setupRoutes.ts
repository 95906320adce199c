import { Router } from 'express';
import { slackEnabled, slackSignInEnabled, wecomEnabled } from '../../bot/config';
import { directorySize } from '../../bot/services/people/directorySize';
import type { ApiContext } from './context';
import { requireCapability } from './session';

/** The admin's setup page: what is loaded and which ways in and platforms are on. */
export function setupRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { config } = ctx;
  r.get('/setup/status', requireCapability('setup.read'), (_req, res) => {
    res.json({
      ...directorySize(ctx.deps),
      signIn: { chatLink: true, password: true, slack: slackSignInEnabled(config), wecom: wecomEnabled(config) },
      platforms: { local: true, slack: slackEnabled(config), wecom: wecomEnabled(config) },
      publicUrl: ctx.deps.settings.publicUrl,
    });
  });
  return r;
}
