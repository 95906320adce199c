import { Router } from 'express';
import { z } from 'zod';
import { serialize } from 'cookie';
import { login, logout } from '../../bot/services/auth';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { requireUser, SESSION_COOKIE } from './session';

const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export function authRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.post('/auth/login', async (req, res) => {
    const body = parseWith(loginBody, req.body);
    const { token, csrfToken, user } = await login(ctx.deps.db, body.email, body.password, ctx.deps.now(), ctx.config.SESSION_TTL_HOURS);
    res.setHeader(
      'Set-Cookie',
      serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.config.COOKIE_SECURE === 'on', maxAge: ctx.config.SESSION_TTL_HOURS * 3600 }),
    );
    res.json({ csrfToken, user });
  });
  r.get('/auth/me', requireUser(ctx), (req, res) => {
    // After a page reload the console gets its CSRF token back from here.
    res.json({ user: req.user, csrfToken: req.session!.csrfToken });
  });
  r.post('/auth/logout', requireUser(ctx), (req, res) => {
    logout(ctx.deps.db, req.session!.token);
    res.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 }));
    res.json({ ok: true });
  });
  return r;
}
