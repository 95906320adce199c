import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../db/schema';
import { AppError } from '../../bot/errors';
import { adjustPoints } from '../../bot/services/points/adjustPoints';
import { leaderboardPage } from '../../bot/services/points/leaderboard';
import { isAnnounced, leaderboardSnapshot } from '../../bot/services/points/leaderboardSnapshot';
import { balanceOf, ledgerOf, monthOf } from '../../bot/services/points/points';
import { decideRedemption, listRewards, redemptionRequester, redeemReward, redemptionQueue, rewardInput, saveReward, timeOffReport } from '../../bot/services/points/rewards';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const id = z.coerce.number().int().positive();
/**
 * A page is at most 1,000 rows: a page of 10,000 held the event loop 65 ms at 10,000 people (the rows' objects and
 * their JSON), over issue 15's 50 ms; more is read page by page (`nextOffset`).
 */
const pageLimit = z.coerce.number().int().min(1).max(1_000);
const pageOffset = z.coerce.number().int().min(0).max(10_000_000).default(0);
/** The live leaderboard's page when no limit is asked for; a snapshot's (the console shows a snapshot whole up to it). */
const LEADERBOARD_PAGE = 50;
const SNAPSHOT_PAGE = 500;

function nextOffset(q: { limit: number; offset: number }, total: number): number | null {
  return q.offset + q.limit < total ? q.offset + q.limit : null;
}

export function pointsRoutes(ctx: ApiContext): Router {
  const r = Router();
  const json = jsonBody('16kb');
  const { deps } = ctx;

  r.get('/leaderboard', (req, res) => {
    const q = parseWith(z.object({ month: month.optional(), department: z.string().max(500).optional(), limit: pageLimit.default(LEADERBOARD_PAGE), offset: pageOffset }), req.query);
    const m = q.month ?? monthOf(deps.now(), deps.settings.defaultTimezone);
    const { rows, total } = leaderboardPage(deps.db, m, { departmentPath: q.department, limit: q.limit, offset: q.offset });
    // announced: whether the month's snapshot exists, so the console asks for it only then (no 404 to log)
    res.json({ month: m, rows, announced: isAnnounced(deps.db, m), total, offset: q.offset, limit: q.limit, nextOffset: nextOffset(q, total) });
  });
  r.get('/leaderboard/snapshots/:month', (req, res) => {
    const q = parseWith(z.object({ limit: pageLimit.default(SNAPSHOT_PAGE), offset: pageOffset }), req.query);
    const snapshot = leaderboardSnapshot(deps.db, parseWith(month, req.params.month), q);
    if (!snapshot) throw new AppError('not_found', 'No leaderboard was announced for that month.', { status: 404 });
    res.json({ ...snapshot, offset: q.offset, limit: q.limit, nextOffset: nextOffset(q, snapshot.total) });
  });
  r.get('/people/:id/ledger', (req, res) => {
    const personId = parseWith(id, req.params.id);
    accessOf(req).requireRead(personId);
    res.json({ balance: balanceOf(deps.db, personId), entries: ledgerOf(deps.db, personId) });
  });
  r.post('/points/adjust', requireCapability('points.adjust'), json, (req, res) => {
    const body = parseWith(z.strictObject({ email: z.email(), amount: z.number().int(), reason: z.string().trim().min(1).max(500) }), req.body);
    const person = deps.db.select({ id: people.id }).from(people).where(eq(people.email, body.email.toLowerCase())).get();
    if (!person) throw new AppError('not_found', `No person with e-mail ${body.email}.`, { status: 404 });
    accessOf(req).requireAdjustPointsOf(person.id);
    res.json(adjustPoints(deps, { personId: person.id, amount: body.amount, reason: body.reason, actor: actorOf(req) }));
  });

  r.get('/rewards', (_req, res) => {
    res.json({ rewards: listRewards(deps) });
  });
  r.post('/rewards', requireCapability('rewards.edit'), json, (req, res) => {
    res.status(201).json(saveReward(deps, actorOf(req), parseWith(rewardInput, req.body)));
  });
  r.put('/rewards/:id', requireCapability('rewards.edit'), json, (req, res) => {
    res.json(saveReward(deps, actorOf(req), parseWith(rewardInput, req.body), parseWith(id, req.params.id)));
  });

  r.get('/redemptions', requireCapability('redemptions.read'), (req, res) => {
    const { status } = parseWith(z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }), req.query);
    const access = accessOf(req);
    // Each row says whether this reader may decide it, so the console shows buttons only where the policy allows.
    res.json({ redemptions: redemptionQueue(deps, status).map((r) => ({ ...r, canDecide: access.canDecideRedemptionOf(r.personId) })) });
  });
  r.post('/redemptions', json, (req, res) => {
    const { rewardId } = parseWith(z.strictObject({ rewardId: z.number().int().positive() }), req.body);
    if (req.user!.personId == null) throw new AppError('no_person', 'This account is not linked to a person in the directory.', { status: 409 });
    const { redemption, balance } = redeemReward(deps, req.user!.personId, rewardId, actorOf(req));
    res.status(201).json({ redemption, balance });
  });
  r.post('/redemptions/:id/:decision', requireCapability('redemptions.decide'), json, async (req, res) => {
    const decision = parseWith(z.enum(['approve', 'reject']), req.params.decision);
    const { note } = parseWith(z.strictObject({ note: z.string().trim().max(500).optional() }), req.body ?? {});
    const redemptionId = parseWith(id, req.params.id);
    // Whose request it is never changes, so asking before the decision's transaction is safe.
    const requester = redemptionRequester(deps, redemptionId);
    if (requester == null) throw new AppError('not_found', `No redemption ${redemptionId}.`, { status: 404 });
    accessOf(req).requireDecideRedemptionOf(requester);
    const updated = decideRedemption(deps, redemptionId, decision === 'approve' ? 'approved' : 'rejected', actorOf(req), note);
    await ctx.flushOutbox();
    res.json(updated);
  });
  r.get('/reports/time-off', requireCapability('reports.timeOff'), (req, res) => {
    const q = parseWith(z.object({ from: z.iso.date(), to: z.iso.date() }), req.query);
    res.json({ rows: timeOffReport(deps, q.from, q.to) });
  });
  return r;
}
