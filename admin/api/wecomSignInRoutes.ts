import { Router } from 'express';
import { finishWecomSignIn, newWecomState, wecomAuthorizeUrl } from '../../bot/services/auth/wecomSignIn';
import type { ApiContext } from './context';
import { completeSignIn, sendSignInProblem } from './signInPages';
import { setFlowCookie, takeFlowCookie } from './sessionCookie';

/** WeCom OAuth (网页授权, snsapi_base): GET /auth/wecom → WeCom → GET /auth/wecom/callback. */
export function wecomSignInRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { config, deps } = ctx;
  // Present exactly when the WeCom plugin runs: its qyapi client, with the one cached access token.
  const wecom = deps.wecomUsers;
  // The public URL (its host must be the app's 可信域名), read per request: without PUBLIC_URL the port is known only once listening.
  const callbackUrl = () => `${deps.settings.publicUrl}/auth/wecom/callback`;

  r.get('/auth/wecom', (req, res) => {
    if (!wecom) return sendSignInProblem(req, res, 'disabled');
    const state = newWecomState();
    setFlowCookie(res, config, 'wecom', state);
    res.redirect(302, wecomAuthorizeUrl({ oauthUrl: config.WECOM_OAUTH_URL, corpId: config.WECOM_CORP_ID!, agentId: config.WECOM_AGENT_ID!, redirectUri: callbackUrl(), state }));
  });

  r.get('/auth/wecom/callback', async (req, res) => {
    if (!wecom) return sendSignInProblem(req, res, 'disabled');
    const flow = takeFlowCookie(req, res, config, 'wecom');
    if (!flow || req.query.state !== flow.state) return sendSignInProblem(req, res, 'state');
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    // No code: the person declined, or WeCom would not authorise (e.g. the domain is not trusted). Nothing says
    // who they are, so it is the provider's answer, not "not in the directory".
    if (!code || code.length > 512) return sendSignInProblem(req, res, 'provider');
    const outcome = await finishWecomSignIn(deps, wecom, code);
    if (!outcome.ok) return sendSignInProblem(req, res, outcome.reason);
    completeSignIn(ctx, req, res, outcome.personId);
  });
  return r;
}
