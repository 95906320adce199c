import { Router } from 'express';
import { z } from 'zod';
import { consumeLink } from '../../bot/services/auth/loginLinks';
import type { ApiContext } from './context';
import { completeSignIn, sendSignInProblem, SIGN_IN_PAGE_CSS, SIGN_IN_PAGE_CSS_PATH } from './signInPages';
import { slackSignInRoutes } from './slackSignInRoutes';
import { wecomSignInRoutes } from './wecomSignInRoutes';

const token = z.string().min(1).max(200);

/** The browser side of signing in, outside /api: the chat link, Sign in with Slack, WeCom OAuth. */
export function signInRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get(SIGN_IN_PAGE_CSS_PATH, (_req, res) => {
    // the one /auth answer without a token or personal data: cacheable, unlike the rest of /auth (noStore)
    res.set('Cache-Control', 'public, max-age=86400').type('css').send(SIGN_IN_PAGE_CSS);
  });
  r.get('/auth/link', (req, res) => {
    const parsed = token.safeParse(req.query.token);
    if (!parsed.success) return sendSignInProblem(req, res, 'unknown');
    const outcome = consumeLink(ctx.deps.db, parsed.data, 'sign_in', ctx.deps.now());
    if (!outcome.ok) return sendSignInProblem(req, res, outcome.reason);
    completeSignIn(ctx, req, res, outcome.personId);
  });
  r.use(slackSignInRoutes(ctx));
  r.use(wecomSignInRoutes(ctx));
  return r;
}
