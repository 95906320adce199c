import { Router } from 'express';
import { slackSignInEnabled } from '../../bot/config';
import { SlackSignIn } from '../../bot/services/auth/slackSignIn';
import type { ApiContext } from './context';
import { setFlowCookie, takeFlowCookie } from './sessionCookie';
import { completeSignIn, sendSignInProblem } from './signInPages';

/** Sign in with Slack (OpenID Connect): GET /auth/slack → Slack → GET /auth/slack/callback. */
export function slackSignInRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { config, deps } = ctx;
  const slack = slackSignInEnabled(config)
    ? new SlackSignIn({ issuer: config.SLACK_OIDC_ISSUER, clientId: config.SLACK_CLIENT_ID!, clientSecret: config.SLACK_CLIENT_SECRET! })
    : undefined;
  // From the public URL, never from the request's Host: behind a proxy that would be the internal address, and
  // Slack refuses a redirect_uri that differs from the registered one. Read per request: without PUBLIC_URL the
  // port is only known once the server listens.
  const callbackUrl = () => `${deps.settings.publicUrl}/auth/slack/callback`;

  r.get('/auth/slack', async (req, res) => {
    if (!slack) return sendSignInProblem(req, res, 'disabled');
    let started: Awaited<ReturnType<SlackSignIn['begin']>>;
    try {
      started = await slack.begin(callbackUrl());
    } catch (err) {
      deps.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'Sign in with Slack: discovery failed');
      return sendSignInProblem(req, res, 'provider');
    }
    setFlowCookie(res, config, 'slack', started.state, started.nonce);
    res.redirect(302, started.url);
  });

  r.get('/auth/slack/callback', async (req, res) => {
    if (!slack) return sendSignInProblem(req, res, 'disabled');
    const flow = takeFlowCookie(req, res, config, 'slack');
    if (!flow || req.query.state !== flow.state) return sendSignInProblem(req, res, 'state');
    const current = new URL(callbackUrl());
    current.search = new URL(req.originalUrl, 'http://callback.invalid').search; // Slack's query, exactly as sent
    const outcome = await slack.finish(deps, current, flow);
    if (!outcome.ok) return sendSignInProblem(req, res, outcome.reason);
    completeSignIn(ctx, req, res, outcome.personId);
  });
  return r;
}
