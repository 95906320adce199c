import { Router } from 'express';
import type { ApiContext } from './context';
import { sendSignInProblem } from './signInPages';

/** WeCom OAuth (网页授权, snsapi_base): GET /auth/wecom → WeCom → GET /auth/wecom/callback. */
export function wecomSignInRoutes(_ctx: ApiContext): Router {
  const r = Router();
  r.get(['/auth/wecom', '/auth/wecom/callback'], (req, res) => sendSignInProblem(req, res, 'disabled'));
  return r;
}
