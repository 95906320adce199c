import { Router } from 'express';
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { forbidden } from '../../bot/services/auth/policy';
import { AppError } from '../../bot/errors';
import { findActivePerson, listLocalMessages, receiveAndReply, receiveLocalMessage, type LocalInput } from '../../bot/services/chat/localChat';
import { chatPlatformOf } from '../../bot/services/people/chatPlatform';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, checkSession, requireUser, sessionCookieOf } from './session';

const listQuery = z.union([
  z.object({ employee: z.email(), after: z.coerce.number().int().min(0).default(0) }),
  z.object({ channel: z.string().min(1).max(80), after: z.coerce.number().int().min(0).default(0) }),
]);
const postBody = z.union([
  z.strictObject({ employee: z.email(), text: z.string().min(1).max(4000), id: z.string().max(100).optional() }),
  z.strictObject({ employee: z.email(), action: z.string().min(1).max(100), value: z.string().max(1000).default(''), id: z.string().max(100).optional() }),
]);

/** The two answers of a post, as res.json writes them (the same bytes and headers), built once. */
const ANSWERS = { false: JSON.stringify({ ok: true, duplicate: false }), true: JSON.stringify({ ok: true, duplicate: true }) };

/**
 * res.json parses and rebuilds the content type and checks request freshness on every call (~10 µs); this route
 * answers every chat message, always 200 with one of two bodies. The security and no-store headers are already set.
 */
function answered(res: express.Response, duplicate: boolean): void {
  const body = ANSWERS[`${duplicate}`];
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

type Speaking = { may: true; typedBy?: string } | { may: false; code: 'read_only' | 'forbidden' };

/**
 * Nobody speaks for someone else: you type as yourself, and admin/HR may type for someone only while that person
 * is on the local chat (a pilot without Slack/WeCom), recorded as typed by them. People on Slack/WeCom are read-only.
 */
function speaking(ctx: ApiContext, req: express.Request, person: { id: number; identityPlatforms: string[] }): Speaking {
  if (chatPlatformOf(ctx.deps, person.identityPlatforms) !== 'local') return { may: false, code: 'read_only' };
  if (person.id === req.user!.personId) return { may: true };
  return accessOf(req).can('chat.typeForOthers') ? { may: true, typedBy: req.user!.email } : { may: false, code: 'forbidden' };
}

/** GET /local/messages, mounted right after the post in the API: the session check runs here, for its paths only. */
export function localChatRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.use('/local', requireUser(ctx));
  r.get('/local/messages', (req, res) => {
    const q = parseWith(listQuery, req.query);
    if (!('employee' in q)) return void res.json({ messages: listLocalMessages(ctx.deps.db, { channel: q.channel }, q.after), canSpeak: false });
    const person = findActivePerson(ctx.deps.db, q.employee);
    const access = accessOf(req);
    access.requireRead(person.id);
    const showSecrets = person.id === req.user!.personId || access.can('chat.readSecrets');
    res.json({ messages: listLocalMessages(ctx.deps.db, { personId: person.id }, q.after, 500, showSecrets), canSpeak: speaking(ctx, req, person).may });
  });
  return r;
}

/** No session cookie at all: refused before the body is read, as every signed-in route does. */
const cookieRequired: RequestHandler = (req, _res, next) => {
  next(sessionCookieOf(req) ? undefined : new AppError('unauthenticated', 'Please sign in.', { status: 401 }));
};

type Receive = (personId: number, input: LocalInput, typedBy: string | undefined) => { duplicate: boolean; delivered: boolean };
type Posted = { refused: AppError } | { refused?: undefined; duplicate: boolean; delivered: boolean };

/**
 * One post, whole: the session and CSRF check, the body, the person spoken for and the right to speak for them, then
 * the message received. In the group commit this runs in the event's own savepoint, so the session and the person
 * are read in the transaction that stores the answer: no read transaction of their own (two statements outside a
 * transaction cost ~6 µs each beyond the statement: the WAL read lock taken and released). A refused session is
 * answered, not thrown, so what the check wrote (a deactivated person's sessions ended) is kept; anything thrown
 * after it (bad body, unknown person, no right) undoes the event's savepoint, which has written nothing yet.
 */
function post(ctx: ApiContext, req: express.Request, receive: Receive): Posted {
  const refused = checkSession(ctx, req);
  if (refused) return { refused };
  const body = parseWith(postBody, req.body);
  const person = findActivePerson(ctx.deps.db, body.employee);
  const rights = speaking(ctx, req, person);
  if (!rights.may && rights.code === 'read_only') {
    throw new AppError('read_only', 'This person uses Slack or WeCom: the simulator only shows their conversation.', { status: 403 });
  }
  if (!rights.may) throw forbidden('You may only speak as yourself.');
  const input: LocalInput = 'text' in body ? { text: body.text, id: body.id } : { action: body.action, value: body.value, id: body.id };
  return receive(person.id, input, rights.typedBy);
}

/**
 * POST /local/messages: every message of the chat simulator (and every request of the answers bench). The API mounts
 * it as its very first route, not inside a router of its own: each router entered on the way costs a walk of its
 * layers and ~1.5 KB of closures per request (bare Express 5 with helmet: 39.5 KB allocated per request nested as it
 * was, 35.2 KB with this route first and the integration webhooks under their prefix). A request without a session
 * cookie is refused before its body is read; the session and CSRF check itself runs with the post (see post()).
 */
export function localMessagePost(ctx: ApiContext): RequestHandler[] {
  return [cookieRequired, jsonBody('64kb'), async (req, res) => {
    const { inbound } = ctx;
    const result = inbound
      ? await inbound.commit(() => post(ctx, req, (personId, input, typedBy) => receiveAndReply(ctx.deps, inbound.deliverNow, personId, input, typedBy)))
      : post(ctx, req, (personId, input, typedBy) => ({ ...receiveLocalMessage(ctx.deps, personId, input, typedBy), delivered: false }));
    if (result.refused) throw result.refused;
    // Answered with the replies in the conversation: written with the event, or else sent now.
    if (!result.delivered) await ctx.flushOutbox();
    answered(res, result.duplicate);
  }];
}
