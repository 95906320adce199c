import { Router } from 'express';
import express from 'express';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { checkIns, goalRevisions, GOAL_STATUSES } from '../../db/schema';
import { inTransaction } from '../../db/client';
import { AppError } from '../../bot/errors';
import { localDate } from '../../bot/domain/localTime';
import { createGoal, deleteGoal, goalInput, goalPatch, updateGoal } from '../../bot/services/goals/editGoal';
import { checkpointsOf, goalById, goalTree } from '../../bot/services/goals/goalQueries';
import { importGoals } from '../../bot/services/goals/importGoals';
import { recordCheckIn } from '../../bot/services/goals/recordCheckIn';
import { updateRate } from '../../bot/services/goals/updateRate';
import { ladderInput, listLadders, removeLadder, setLadder } from '../../bot/services/goals/escalationRulesAdmin';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { requireRole } from './session';

const id = z.coerce.number().int().positive();

export function goalRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = express.json({ limit: '64kb' });
  const actorOf = (req: express.Request) => `account:${req.user!.id}`;
  const today = () => localDate(deps.now(), deps.settings.defaultTimezone);

  r.get('/goals', (_req, res) => {
    res.json({ goals: goalTree(deps.db, today()) });
  });
  r.get('/goals/:id', (req, res) => {
    const goalId = parseWith(id, req.params.id);
    if (!goalById(deps.db, goalId)) throw new AppError('not_found', `No goal ${goalId}.`, { status: 404 });
    const view = goalTree(deps.db, today()).flatMap(function all(g): typeof g[] { return [g, ...g.children.flatMap(all)]; }).find((g) => g.id === goalId);
    res.json({
      goal: view,
      checkpoints: checkpointsOf(deps.db, [goalId]),
      checkIns: deps.db.select().from(checkIns).where(eq(checkIns.goalId, goalId)).orderBy(desc(checkIns.at)).all(),
      revisions: deps.db.select().from(goalRevisions).where(eq(goalRevisions.goalId, goalId)).orderBy(desc(goalRevisions.at)).all(),
    });
  });
  r.post('/goals/import', requireRole('admin', 'hr'), express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' }), (req, res) => {
    if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv.', { status: 415 });
    res.json(importGoals({ ...deps, timezone: deps.settings.defaultTimezone }, req.body, actorOf(req)));
  });
  r.post('/goals', requireRole('admin', 'hr', 'manager'), json, (req, res) => {
    res.status(201).json(createGoal(deps, actorOf(req), parseWith(goalInput, req.body)));
  });
  r.patch('/goals/:id', requireRole('admin', 'hr', 'manager'), json, (req, res) => {
    res.json(updateGoal(deps, actorOf(req), parseWith(id, req.params.id), parseWith(goalPatch, req.body)));
  });
  r.delete('/goals/:id', requireRole('admin', 'hr'), (req, res) => {
    deleteGoal(deps, actorOf(req), parseWith(id, req.params.id));
    res.status(204).end();
  });
  r.post('/goals/:id/check-ins', json, async (req, res) => {
    const goalId = parseWith(id, req.params.id);
    const body = parseWith(z.object({ value: z.number().finite(), status: z.enum(GOAL_STATUSES).optional(), note: z.string().trim().max(1000).optional() }), req.body);
    const goal = goalById(deps.db, goalId);
    if (!goal) throw new AppError('not_found', `No goal ${goalId}.`, { status: 404 });
    const isOwner = req.user!.personId === goal.ownerId;
    if (!isOwner && req.user!.role !== 'admin') throw new AppError('forbidden', 'Only the owner checks in on a goal.', { status: 403 });
    const result = inTransaction(deps.db, () => recordCheckIn(deps, { goalId, personId: goal.ownerId, value: body.value, status: body.status, note: body.note }));
    await ctx.flushOutbox();
    res.status(201).json(result);
  });
  r.get('/reports/update-rate', requireRole('admin', 'hr', 'manager'), (req, res) => {
    const q = parseWith(z.object({ from: z.iso.date(), to: z.iso.date() }), req.query);
    res.json({ weeks: updateRate(deps.db, q.from, q.to, today()) });
  });
  r.get('/escalation-rules', requireRole('admin', 'hr'), (_req, res) => {
    res.json(listLadders(deps));
  });
  r.put('/escalation-rules', requireRole('admin'), json, (req, res) => {
    const body = parseWith(ladderInput.and(z.object({ department: z.string().trim().min(1).max(500).nullable().default(null) })), req.body);
    const { department, ...rule } = body;
    res.json(setLadder(deps, actorOf(req), department, rule));
  });
  r.delete('/escalation-rules', requireRole('admin'), (req, res) => {
    const { department } = parseWith(z.object({ department: z.string().trim().min(1).max(500) }), req.query);
    res.json(removeLadder(deps, actorOf(req), department));
  });
  return r;
}
