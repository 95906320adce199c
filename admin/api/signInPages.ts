import type { Request, Response } from 'express';
import type { ApiContext } from './context';
import { inTransaction } from '../../db/client';
import { t, type Locale } from '../../bot/i18n';
import { openSession } from '../../bot/services/auth/sessions';
import { accountForPerson } from '../../bot/services/auth/sessionUser';
import { setSessionCookie } from './sessionCookie';

/** Why a browser sign-in (link, Slack, WeCom) did not work; each has a sentence in locales/<locale>/auth.json. */
export type SignInProblem = 'unknown' | 'used' | 'expired' | 'left' | 'no_match' | 'state' | 'provider' | 'disabled';

const STATUS: Record<SignInProblem, number> = { unknown: 404, used: 410, expired: 410, left: 403, no_match: 403, state: 400, provider: 502, disabled: 404 };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function localeOf(req: Request): Locale {
  return req.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh-CN';
}

/** The sign-in pages' look, served as a stylesheet: the CSP allows styles from 'self' only, no style attributes. */
export const SIGN_IN_PAGE_CSS_PATH = '/auth/page.css';
export const SIGN_IN_PAGE_CSS = 'body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}\n';

/** A small page (no script) saying why signing in failed, with a way back to the sign-in page. */
export function sendSignInProblem(req: Request, res: Response, problem: SignInProblem): void {
  const locale = localeOf(req);
  const title = t(locale, 'auth.page.title');
  res
    .status(STATUS[problem])
    .type('html')
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${escape(title)}</title><link rel="stylesheet" href="${SIGN_IN_PAGE_CSS_PATH}"></head><body>` +
        `<h1>${escape(title)}</h1><p data-problem="${problem}">${escape(t(locale, `auth.problem.${problem}`))}</p>` +
        `<p><a href="/">${escape(t(locale, 'auth.page.back'))}</a></p></body></html>`,
    );
}

/** Signs the person in on this browser and sends them to their role's landing page. */
export function completeSignIn(ctx: ApiContext, req: Request, res: Response, personId: number): void {
  const { deps, config } = ctx;
  const session = inTransaction(deps.db, () => {
    const account = accountForPerson(deps.db, personId, deps.now());
    return account ? openSession(deps.db, account, deps.now(), config.SESSION_TTL_HOURS) : undefined;
  });
  if (!session) return sendSignInProblem(req, res, 'left');
  setSessionCookie(res, config, session.token);
  res.redirect(302, `/#/${session.user.landing}`);
}
