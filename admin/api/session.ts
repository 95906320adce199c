import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { AppError } from '../../bot/errors';
import { sessionFor, type Role, type SessionUser } from '../../bot/services/auth';
import type { ApiContext } from './context';

export const SESSION_COOKIE = 'perf_session';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    session?: { token: string; csrfToken: string };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requires a logged-in console user; writes must also carry the session's CSRF token. */
export function requireUser(ctx: ApiContext) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    const session = token ? sessionFor(ctx.deps.db, token, ctx.deps.now()) : undefined;
    if (!session) return next(new AppError('unauthenticated', 'Please log in.', { status: 401 }));
    if (!SAFE_METHODS.has(req.method) && req.get('x-csrf-token') !== session.csrfToken) {
      return next(new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header.', { status: 403 }));
    }
    req.user = session.user;
    req.session = { token: token!, csrfToken: session.csrfToken };
    next();
  };
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) return next(new AppError('forbidden', 'Your role may not do this.', { status: 403 }));
    next();
  };
}
