import { Router } from 'express';
import express from 'express';
import { z } from 'zod';
import { GOAL_STATUSES } from '../../db/schema';
import { inTransaction } from '../../db/client';
import { AppError } from '../../bot/errors';
import { localDate } from '../../bot/domain/localTime';
import { forbidden } from '../../bot/services/auth/policy';
import { createGoal, deleteGoal, goalInput, goalPatch, updateGoal, type GoalAuthorizer } from '../../bot/services/goals/editGoal';
import { goalById, goalDetail, goalTree, pruneGoals } from '../../bot/services/goals/goalQueries';
import { importGoals } from '../../bot/services/goals/importGoals';
import { recordCheckIn } from '../../bot/services/goals/recordCheckIn';
import { updateRate } from '../../bot/services/goals/updateRate';
import { csvTable } from '../../bot/services/exports/csvTable';
import { reportTables } from '../../bot/services/reports/reportTables';
import { asLocale } from '../../bot/i18n';
import { ladderRequest, listLadders, removeLadder, setLadder } from '../../bot/services/goals/escalationRulesAdmin';
import type { ApiContext } from './context';
import { csvBody, IMPORT_LIMITS } from './csvBody';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const id = z.coerce.number().int().positive();
// value: required unless the goal follows a metric (then the metric's value stands; see recordCheckIn)
const checkInBody = z.strictObject({ value: z.number().finite().optional(), status: z.enum(GOAL_STATUSES).optional(), note: z.string().trim().max(1000).optional() });

export function goalRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('64kb');
  const today = () => localDate(deps.now(), deps.settings.defaultTimezone);
  const mayWrite = (req: express.Request): GoalAuthorizer => (goal) => {
    if (!accessOf(req).canEditGoal(goal)) throw forbidden('You may change only the goals of your reports, or of the departments you lead.');
  };

  r.get('/goals', (req, res) => {
    const access = accessOf(req);
    // The performance tree: development milestones live on their path (My page, #/talent/paths).
    res.json({ goals: pruneGoals(goalTree(deps.db, today()), (g) => g.kind === 'performance' && access.canReadGoal({ level: g.level, ownerId: g.owner.id, departmentId: null })) });
  });
  r.get('/goals/:id', (req, res) => {
    const goalId = parseWith(id, req.params.id);
    const detail = goalDetail(deps.db, goalId, today());
    if (!detail) throw new AppError('not_found', `No goal ${goalId}.`, { status: 404 });
    const access = accessOf(req);
    if (!access.canReadGoal(detail.row)) throw forbidden('You may only see your own goals and your reports’.');
    // Check-in notes are private: the owner, their manager chain and HR.
    const notes = access.canReadPrivate(detail.row.ownerId);
    res.json({
      goal: detail.goal,
      checkpoints: detail.checkpoints,
      checkIns: detail.checkIns.map((c) => (notes ? c : { ...c, note: null, notePrivate: c.note !== null })),
      revisions: detail.revisions,
      // Whether this reader may adjust it (the console shows the form only then).
      canEdit: access.canEditGoal(detail.row),
    });
  });
  r.post('/goals/import', requireCapability('goals.import'), ...csvBody(IMPORT_LIMITS.goals), (req, res) => {
    res.json(importGoals({ ...deps, timezone: deps.settings.defaultTimezone }, req.body as string, actorOf(req)));
  });
  r.post('/goals', json, (req, res) => {
    res.status(201).json(createGoal(deps, actorOf(req), parseWith(goalInput, req.body), mayWrite(req)));
  });
  r.patch('/goals/:id', json, (req, res) => {
    res.json(updateGoal(deps, actorOf(req), parseWith(id, req.params.id), parseWith(goalPatch, req.body), mayWrite(req)));
  });
  r.delete('/goals/:id', requireCapability('goals.delete'), (req, res) => {
    deleteGoal(deps, actorOf(req), parseWith(id, req.params.id));
    res.status(204).end();
  });
  r.post('/goals/:id/check-ins', json, async (req, res) => {
    const goalId = parseWith(id, req.params.id);
    const body = parseWith(checkInBody, req.body);
    const goal = goalById(deps.db, goalId);
    if (!goal) throw new AppError('not_found', `No goal ${goalId}.`, { status: 404 });
    // Nobody checks in for someone else: progress is the owner's own word.
    if (req.user!.personId !== goal.ownerId) throw forbidden('Only the owner checks in on a goal.');
    const result = inTransaction(deps.db, () => recordCheckIn(deps, { goalId, personId: goal.ownerId, value: body.value, status: body.status, note: body.note }));
    await ctx.flushOutbox();
    res.status(201).json(result);
  });
  r.get('/reports/update-rate', (req, res) => {
    const q = parseWith(z.object({ from: z.iso.date(), to: z.iso.date(), department: z.string().trim().min(1).max(500).optional(), format: z.enum(['json', 'csv']).default('json'), locale: z.enum(['zh-CN', 'en']).optional() }), req.query);
    const weeks = updateRate(deps.db, q.from, q.to, today(), accessOf(req).visiblePeople(), q.department ?? null);
    if (q.format === 'json') return void res.json({ weeks });
    const { header, rows } = reportTables.updateRate(weeks, asLocale(q.locale ?? req.user!.locale));
    res.type('text/csv; charset=utf-8').attachment(`update-rate-${q.from}-${q.to}.csv`).send(csvTable(header, rows));
  });
  r.get('/escalation-rules', requireCapability('escalation.read'), (_req, res) => {
    res.json(listLadders(deps));
  });
  r.put('/escalation-rules', requireCapability('escalation.edit'), json, (req, res) => {
    const { department, ...rule } = parseWith(ladderRequest, req.body);
    res.json(setLadder(deps, actorOf(req), department, rule));
  });
  r.delete('/escalation-rules', requireCapability('escalation.edit'), (req, res) => {
    const { department } = parseWith(z.object({ department: z.string().trim().min(1).max(500) }), req.query);
    res.json(removeLadder(deps, actorOf(req), department));
  });
  return r;
}
