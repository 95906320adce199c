import { Router, type NextFunction, type Request, type Response } from 'express';
import { inTransaction } from '../../db/client';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { changeGrade } from '../../bot/services/calibration/changeGrade';
import { createSession } from '../../bot/services/calibration/createSession';
import { inviteParticipants } from '../../bot/services/calibration/inviteParticipants';
import { lockSession, reopenSession, saveMinutes } from '../../bot/services/calibration/lockSession';
import { sessionView } from '../../bot/services/calibration/sessionView';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const sessionBody = z.strictObject({
  cycleId: z.number().int().positive(),
  departments: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  guideline: z.record(z.string().min(1).max(8), z.number().min(0).max(100)).optional(),
  /** People to invite; the heads of the session's departments when absent. */
  invite: z.array(z.number().int().positive()).max(200).optional(),
});
const inviteBody = z.strictObject({ invite: z.array(z.number().int().positive()).min(1).max(200) });
const changeBody = z.strictObject({
  reviewId: z.number().int().positive(),
  grade: z.string().min(1).max(8),
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
  overrideReason: z.string().trim().max(2000).optional(),
});
const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(2000) });
const minutesBody = z.strictObject({ minutes: z.string().max(20_000) });
const idOf = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/** Calibration sessions (issue 11): HR's meeting over a cycle's grades. */
export function calibrationRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('64kb');
  const hr = requireCapability('calibration.run');
  r.post('/calibration-sessions', hr, json, async (req, res) => {
    const created = createSession(deps, parseWith(sessionBody, req.body), actorOf(req));
    await ctx.flushOutbox();
    res.status(201).json(created);
  });
  // HR runs a session; the people it invited take part (read, change with a reason, minutes).
  const takesPart = (req: Request, _res: Response, next: NextFunction) => {
    accessOf(req).requireTakePartIn(idOf(req));
    next();
  };
  r.get('/calibration-sessions/:id', takesPart, (req, res) => {
    res.json(sessionView(deps.db, idOf(req)));
  });
  r.post('/calibration-sessions/:id/invite', hr, json, async (req, res) => {
    const invited = inTransaction(deps.db, () => inviteParticipants(deps, idOf(req), parseWith(inviteBody, req.body).invite, actorOf(req)));
    await ctx.flushOutbox();
    res.json({ invited, ...sessionView(deps.db, idOf(req)) });
  });
  r.post('/calibration-sessions/:id/changes', takesPart, json, (req, res) => {
    changeGrade(deps, idOf(req), parseWith(changeBody, req.body), actorOf(req));
    res.json(sessionView(deps.db, idOf(req)));
  });
  r.put('/calibration-sessions/:id/minutes', takesPart, json, (req, res) => {
    saveMinutes(deps, idOf(req), parseWith(minutesBody, req.body).minutes, actorOf(req));
    res.json(sessionView(deps.db, idOf(req)));
  });
  r.post('/calibration-sessions/:id/lock', hr, (req, res) => {
    lockSession(deps, idOf(req), actorOf(req));
    res.json(sessionView(deps.db, idOf(req)));
  });
  r.post('/calibration-sessions/:id/reopen', hr, json, (req, res) => {
    reopenSession(deps, idOf(req), parseWith(reasonBody, req.body).reason, actorOf(req));
    res.json(sessionView(deps.db, idOf(req)));
  });
  return r;
}
