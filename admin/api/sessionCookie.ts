import type { Response } from 'express';
import { serialize } from 'cookie';
import type { Config } from '../../bot/config';
import { SESSION_COOKIE } from './session';

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure behind HTTPS (COOKIE_SECURE=on). */
export function setSessionCookie(res: Response, config: Config, token: string): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: config.COOKIE_SECURE === 'on', maxAge: config.SESSION_TTL_HOURS * 3600 }),
  );
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', secure: config.COOKIE_SECURE === 'on', maxAge: 0 }));
}
