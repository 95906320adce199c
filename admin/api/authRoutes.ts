import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts } from '../../db/schema';
import { inTransaction } from '../../db/client';
import { slackSignInEnabled, wecomEnabled } from '../../bot/config';
import { AppError } from '../../bot/errors';
import { consumeLink, sendLink } from '../../bot/services/auth/loginLinks';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../bot/services/auth/passwords';
import { signInWithPassword } from '../../bot/services/auth/passwordSignIn';
import { endAllSessions, endSession, openSession } from '../../bot/services/auth/sessions';
import { accountForPerson } from '../../bot/services/auth/sessionUser';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, requireCapability, requireUser } from './session';
import { clearSessionCookie, setSessionCookie } from './sessionCookie';
import { signInThrottles } from './throttle';

const email = z.string().trim().min(1).max(320);
const loginBody = z.strictObject({ email, password: z.string().min(1).max(1024) });
const linkBody = z.strictObject({ email });
const passwordBody = z.strictObject({ token: z.string().min(1).max(200), password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024) });

/** The JSON side of signing in: password, chat links, who am I, signing out, setting a password. */
export function authRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps, config } = ctx;
  const json = jsonBody('16kb');
  const throttle = signInThrottles(config);

  r.get('/auth/methods', (_req, res) => {
    res.json({ password: true, chatLink: true, slack: slackSignInEnabled(config), wecom: wecomEnabled(config) });
  });
  r.post('/auth/login', json, ...throttle.password, async (req, res) => {
    const body = parseWith(loginBody, req.body);
    const { token, csrfToken, user } = await signInWithPassword(deps.db, body.email, body.password, deps.now(), config.SESSION_TTL_HOURS);
    setSessionCookie(res, config, token);
    res.json({ csrfToken, user });
  });
  r.post('/auth/chat-link', json, ...throttle.chatLink, (req, res) => {
    const body = parseWith(linkBody, req.body);
    sendLink(deps, body.email, 'sign_in');
    void ctx.flushOutbox(); // not awaited: the answer takes the same time whether or not the e-mail exists
    res.status(202).json({ sent: true });
  });
  r.post('/auth/password', json, ...throttle.linkUse, async (req, res) => {
    const body = parseWith(passwordBody, req.body);
    const passwordHash = await hashPassword(body.password);
    const outcome = consumeLink(deps.db, body.token, 'set_password', deps.now());
    if (!outcome.ok) throw new AppError(`link_${outcome.reason}`, 'This link cannot be used: ask for a new one.', { status: 410 });
    const session = inTransaction(deps.db, () => {
      const account = accountForPerson(deps.db, outcome.personId, deps.now())!;
      deps.db.update(accounts).set({ passwordHash }).where(eq(accounts.id, account.id)).run();
      endAllSessions(deps.db, account.id); // a new password ends every session, then this browser signs in afresh
      return openSession(deps.db, { ...account, passwordHash }, deps.now(), config.SESSION_TTL_HOURS);
    });
    setSessionCookie(res, config, session.token);
    res.json({ csrfToken: session.csrfToken, user: session.user });
  });

  r.get('/auth/me', requireUser(ctx), (req, res) => {
    // After a page reload the console gets its CSRF token back from here; and whether the person may open their own
    // talent profile (the company setting, through the policy), for the Talent tab.
    const me = req.user!.personId;
    const talentProfileVisible = me != null && accessOf(req).canReadTalentProfile(me, deps.settings.talent?.profileVisibleToSelf ?? false);
    res.json({ user: { ...req.user, talentProfileVisible }, csrfToken: req.session!.csrfToken });
  });
  r.post('/auth/logout', requireUser(ctx), (req, res) => {
    endSession(deps.db, req.session!.token);
    clearSessionCookie(res, config);
    res.json({ ok: true });
  });
  r.post('/auth/logout-all', requireUser(ctx), (req, res) => {
    const ended = endAllSessions(deps.db, req.user!.id);
    clearSessionCookie(res, config);
    res.json({ ok: true, ended });
  });
  r.post('/auth/password-link', requireUser(ctx), requireCapability('password.set'), (req, res) => {
    if (req.user!.personId == null) throw new AppError('no_person', 'This account is not a person in the directory, so the bot cannot reach it in chat.', { status: 409 });
    sendLink(deps, req.user!.email, 'set_password');
    void ctx.flushOutbox();
    res.status(202).json({ sent: true });
  });
  return r;
}
