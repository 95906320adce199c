import { Router } from 'express';
import type { ApiContext } from './context';
import { sendSignInProblem } from './signInPages';

/** Sign in with Slack (OpenID Connect): GET /auth/slack → Slack → GET /auth/slack/callback. */
export function slackSignInRoutes(_ctx: ApiContext): Router {
  const r = Router();
  r.get(['/auth/slack', '/auth/slack/callback'], (req, res) => sendSignInProblem(req, res, 'disabled'));
  return r;
}
