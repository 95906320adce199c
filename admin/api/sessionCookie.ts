import type { Request, Response } from 'express';
import { parse as parseCookie, serialize } from 'cookie';
import { servedOverHttps, type Config } from '../../bot/config';
import { SESSION_COOKIE } from './session';

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure behind HTTPS (COOKIE_SECURE, or production with an https PUBLIC_URL). */
export function setSessionCookie(res: Response, config: Config, token: string): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: servedOverHttps(config), maxAge: config.SESSION_TTL_HOURS * 3600 }),
  );
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', secure: servedOverHttps(config), maxAge: 0 }));
}

/** The one cookie that carries a provider round trip (Slack or WeCom): `<flow>.<state>.<nonce>`. */
const FLOW_COOKIE = 'perf_oauth';
const FLOW_SECONDS = 10 * 60;

type Flow = 'slack' | 'wecom';

/**
 * Remembers the state (and nonce) of a sign-in that went to a provider. SameSite=Lax, not Strict: the callback
 * is a top-level navigation coming from slack.com / WeCom, which a Strict cookie would not accompany.
 */
export function setFlowCookie(res: Response, config: Config, flow: Flow, state: string, nonce = ''): void {
  res.append('Set-Cookie', serialize(FLOW_COOKIE, `${flow}.${state}.${nonce}`, flowCookieOptions(config, FLOW_SECONDS)));
}

/** Reads the flow cookie and clears it (a state works once); undefined if it is missing or of another flow. */
export function takeFlowCookie(req: Request, res: Response, config: Config, flow: Flow): { state: string; nonce: string } | undefined {
  const value = parseCookie(req.headers.cookie ?? '')[FLOW_COOKIE];
  if (value !== undefined) res.append('Set-Cookie', serialize(FLOW_COOKIE, '', flowCookieOptions(config, 0)));
  const [kind, state, nonce] = (value ?? '').split('.');
  return kind === flow && state ? { state, nonce: nonce ?? '' } : undefined;
}

function flowCookieOptions(config: Config, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/auth', secure: servedOverHttps(config), maxAge };
}
