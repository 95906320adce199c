import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { dryRunJob, isJob, PLANNED_JOBS, runJob } from '../../scheduler/jobs';
import { sendJobTest } from '../../scheduler/jobTests';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { requireCapability } from './session';

const runQuery = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() });
const runBody = z.strictObject({ testOnly: z.boolean().optional() }).optional();

/**
 * Run-now: `?dryRun=1` → `{"wouldMessage","channels"}` and nothing sent; `{"testOnly":true}` → only the caller
 * is messaged (the standup prompt, reminder and digest; check-in reminders, the overdue digest, the review prompt) and nothing else happens; otherwise the job runs.
 */
export function jobRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.post('/jobs/:name/run', requireCapability('jobs.run'), jsonBody('1kb'), async (req, res) => {
    const name = String(req.params.name);
    if (!isJob(name)) {
      const planned = PLANNED_JOBS.includes(name);
      throw new AppError('unknown_job', planned ? `Job "${name}" is not available in this version yet.` : `There is no job "${name}".`, { status: 404 });
    }
    const { dryRun } = parseWith(runQuery, req.query);
    const body = parseWith(runBody, req.body && Object.keys(req.body).length ? req.body : undefined);
    if (dryRun === '1' || dryRun === 'true') {
      res.json({ job: name, ...dryRunJob(ctx.deps, name) });
      return;
    }
    if (body?.testOnly) {
      const result = sendJobTest(ctx.deps, name, req.user!.personId);
      await ctx.flushOutbox();
      res.json({ job: name, test: true, result });
      return;
    }
    const result = await runJob(ctx.deps, name, 'manual'); // some jobs (contacts-sync) are async
    await ctx.flushOutbox();
    res.json({ job: name, result });
  });
  return r;
}
