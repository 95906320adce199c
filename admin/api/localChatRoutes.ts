import { Router } from 'express';
import express from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { findActivePerson, listLocalMessages, receiveLocalMessage } from '../../bot/services/localChat';
import type { SessionUser } from '../../bot/services/auth';
import type { ApiContext } from './context';
import { parseWith } from './http';

const listQuery = z.union([
  z.object({ employee: z.email(), after: z.coerce.number().int().min(0).default(0) }),
  z.object({ channel: z.string().min(1).max(80), after: z.coerce.number().int().min(0).default(0) }),
]);
const postBody = z.union([
  z.object({ employee: z.email(), text: z.string().min(1).max(4000), id: z.string().max(100).optional() }),
  z.object({ employee: z.email(), action: z.string().min(1).max(100), value: z.string().max(1000).default(''), id: z.string().max(100).optional() }),
]);

/** Admin and HR may act as anyone in the simulator; others only as themselves. */
function mayActAs(user: SessionUser, email: string): boolean {
  return user.role === 'admin' || user.role === 'hr' || user.email === email.trim().toLowerCase();
}

export function localChatRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/local/messages', (req, res) => {
    const q = parseWith(listQuery, req.query);
    if ('employee' in q) {
      if (!mayActAs(req.user!, q.employee)) throw new AppError('forbidden', 'You may only read your own conversation.', { status: 403 });
      res.json({ messages: listLocalMessages(ctx.deps.db, { personId: findActivePerson(ctx.deps.db, q.employee).id }, q.after) });
    } else {
      res.json({ messages: listLocalMessages(ctx.deps.db, { channel: q.channel }, q.after) });
    }
  });
  r.post('/local/messages', express.json({ limit: '64kb' }), async (req, res) => {
    const body = parseWith(postBody, req.body);
    if (!mayActAs(req.user!, body.employee)) throw new AppError('forbidden', 'You may only speak as yourself.', { status: 403 });
    const person = findActivePerson(ctx.deps.db, body.employee);
    const input = 'text' in body ? { text: body.text, id: body.id } : { action: body.action, value: body.value, id: body.id };
    const result = receiveLocalMessage(ctx.deps, person.id, input);
    await ctx.flushOutbox();
    res.json({ ok: true, duplicate: result.duplicate });
  });
  return r;
}
