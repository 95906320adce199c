import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../../bot/config';
import { AppError } from '../../bot/errors';

const WINDOW_MS = 15 * 60_000;

/** 429 in the usual error shape; express-rate-limit has already set Retry-After and the RateLimit headers. */
function tooMany(retryAfterSeconds: number): AppError {
  return new AppError('too_many_requests', `Too many attempts; try again in ${retryAfterSeconds} s.`, { status: 429, details: { retryAfter: retryAfterSeconds } });
}

function limiter(limit: number, key: ((req: Request) => string) | undefined, opts: { onlyFailures?: boolean } = {}): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: opts.onlyFailures ?? false,
    ...(key ? { keyGenerator: key } : {}),
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      next(tooMany(resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000));
    },
  });
}

const emailKey = (req: Request): string => `account:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`;

/**
 * Throttles for the ways in (per process, in memory): each is one limiter per IP address and one per account
 * (the e-mail in the body). Password sign-ins count only failures; link requests count every request.
 */
export function signInThrottles(config: Config) {
  return {
    password: [limiter(config.SIGNIN_LIMIT_PER_IP, undefined, { onlyFailures: true }), limiter(config.SIGNIN_LIMIT_PER_ACCOUNT, emailKey, { onlyFailures: true })],
    chatLink: [limiter(config.SIGNIN_LIMIT_PER_IP, undefined), limiter(Math.min(5, config.SIGNIN_LIMIT_PER_ACCOUNT), emailKey)],
    /** Setting a password with a link: per IP (the token itself is unguessable). */
    linkUse: [limiter(config.SIGNIN_LIMIT_PER_IP, undefined)],
  };
}
