import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { AppError } from '../../bot/errors';
import { Access, type Capability } from '../../bot/services/auth/policy';
import { sessionFor } from '../../bot/services/auth/sessions';
import type { SessionUser } from '../../bot/services/auth/sessionUser';
import type { ApiContext } from './context';

export const SESSION_COOKIE = 'perf_session';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    /** The access policy for this request's user. */
    access?: Access;
    session?: { token: string; csrfToken: string };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's session cookie (its raw token), if it sent one. */
export function sessionCookieOf(req: Request): string | undefined {
  return req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
}

/**
 * The session check of every signed-in request: the session row read now (sign-out, expiry, a password change, a
 * deactivation or a role change apply on the very next request), and the CSRF token on writes. Sets the request's
 * user, access and session; answers the refusal instead (nothing set). Runs inside a transaction when the caller has
 * one open (the local chat's post, in its group commit): a deactivated person's sessions end in it.
 */
export function checkSession(ctx: ApiContext, req: Request): AppError | undefined {
  const token = sessionCookieOf(req);
  const session = token ? sessionFor(ctx.deps.db, token, ctx.deps.now()) : undefined;
  if (!session) return new AppError('unauthenticated', 'Please sign in.', { status: 401 });
  if (!SAFE_METHODS.has(req.method) && req.get('x-csrf-token') !== session.csrfToken) {
    return new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header.', { status: 403 });
  }
  req.user = session.user;
  req.access = new Access(ctx.deps.db, session.user);
  req.session = { token: token!, csrfToken: session.csrfToken };
  return undefined;
}

/** Requires a signed-in user; writes must also carry the session's CSRF token. */
export function requireUser(ctx: ApiContext) {
  return (req: Request, _res: Response, next: NextFunction) => {
    next(checkSession(ctx, req));
  };
}

/** Lets the request through only if the policy gives the user's role this capability. */
export function requireCapability(capability: Capability) {
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.access!.require(capability);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The signed-in user's access policy (set by requireUser). */
export const accessOf = (req: Request): Access => req.access!;

/** The actor recorded in audits and revisions. */
export const actorOf = (req: Request): string => `account:${req.user!.id}`;
