import { Router, type Request } from 'express';
import { z } from 'zod';
import { CYCLE_KINDS } from '../../db/schema';
import { AppError } from '../../bot/errors';
import { asLocale } from '../../bot/i18n';
import { clearReviewFlag } from '../../bot/services/reviews/clearReviewFlag';
import { createCycle } from '../../bot/services/reviews/createCycle';
import { cycleReviews, listCycles, myReviews } from '../../bot/services/reviews/cycleLists';
import { employeeFile } from '../../bot/services/reviews/employeeFile';
import { openCycleInSlices } from '../../bot/services/reviews/openCycle';
import { releaseCycle } from '../../bot/services/reviews/releaseCycle';
import { reviewView } from '../../bot/services/reviews/reviewView';
import { submitManagerReview } from '../../bot/services/reviews/submitManagerReview';
import { submitSelfReview } from '../../bot/services/reviews/submitSelfReview';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const cycleBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(CYCLE_KINDS),
  periodStart: date,
  periodEnd: date,
  departments: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  appealDays: z.number().int().min(0).max(90).optional(),
  pulse: z.boolean().optional(),
});
const managerBody = z.strictObject({
  grade: z.string().min(1).max(8),
  feedback: z.string().trim().min(1).max(8000),
  ratings: z.record(z.string().regex(/^s\d+i\d+$/), z.string().min(1).max(8)).optional(),
  overrideReason: z.string().trim().max(2000).optional(),
});
/** How long opening a cycle waits for its drafts before answering 202 (drafting goes on, the console shows it). */
const OPEN_WAIT_MS = 10_000;
const selfBody = z.strictObject({ answers: z.array(z.string().max(4000).nullable()).min(1).max(10) });
const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(2000) });
const idParam = (req: Request, name = 'id') => {
  const n = Number(req.params[name]);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/** Review cycles, reviews (draft, self-review, manager review, flags) and the employee file. */
export function reviewRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('64kb');
  const localeOf = (req: Request) => asLocale(req.user!.locale, deps.settings.defaultLocale);

  r.post('/review-cycles', requireCapability('cycles.manage'), json, (req, res) => {
    res.status(201).json(createCycle(deps, parseWith(cycleBody, req.body), actorOf(req)));
  });
  r.get('/review-cycles', (req, res) => {
    res.json({ cycles: listCycles(deps, accessOf(req)) });
  });
  // 200 once every review is drafted; 202 when drafting goes on after OPEN_WAIT_MS (GET /review-cycles shows how far).
  r.post('/review-cycles/:id/open', requireCapability('cycles.manage'), async (req, res) => {
    const result = await openCycleInSlices(deps, idParam(req), actorOf(req), OPEN_WAIT_MS);
    res.status(result.drafting ? 202 : 200).json(result);
  });
  r.post('/review-cycles/:id/release', requireCapability('cycles.manage'), async (req, res) => {
    const result = releaseCycle(deps, idParam(req), actorOf(req));
    await ctx.flushOutbox();
    res.json(result);
  });
  r.get('/review-cycles/:id/reviews', (req, res) => {
    const access = accessOf(req);
    if (!access.readsEveryone && access.subtree().size === 0) access.require('cycles.manage');
    res.json(cycleReviews(deps, idParam(req), access));
  });
  r.get('/reviews/:id', (req, res) => {
    res.json(reviewView(deps, idParam(req), accessOf(req), localeOf(req)));
  });
  r.post('/reviews/:id/self', json, async (req, res) => {
    if (req.user!.personId == null) throw new AppError('no_person', 'This account is not a person in the directory.', { status: 409 });
    const { answers } = parseWith(selfBody, req.body);
    submitSelfReview(deps, idParam(req), req.user!.personId, answers);
    res.json(reviewView(deps, idParam(req), accessOf(req), localeOf(req)));
  });
  r.post('/reviews/:id/manager', json, (req, res) => {
    submitManagerReview(deps, idParam(req), parseWith(managerBody, req.body), accessOf(req), actorOf(req));
    res.json(reviewView(deps, idParam(req), accessOf(req), localeOf(req)));
  });
  r.post('/reviews/:id/flags/:flag/clear', requireCapability('reviews.clearFlags'), json, (req, res) => {
    const { reason } = parseWith(reasonBody, req.body);
    clearReviewFlag(deps, idParam(req), String(req.params.flag), reason, actorOf(req));
    res.json(reviewView(deps, idParam(req), accessOf(req), localeOf(req)));
  });
  r.get('/me/reviews', (req, res) => {
    if (req.user!.personId == null) throw new AppError('no_person', 'This account is not a person in the directory.', { status: 409 });
    res.json({ reviews: myReviews(deps, req.user!.personId) });
  });
  r.get('/people/:id/file', (req, res) => {
    const id = idParam(req);
    accessOf(req).requireRead(id);
    res.json(employeeFile(deps, id));
  });
  return r;
}
