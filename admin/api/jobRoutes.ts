import { Router } from 'express';
import { AppError } from '../../bot/errors';
import { isJob, PLANNED_JOBS, runJob } from '../../scheduler/jobs';
import type { ApiContext } from './context';
import { requireCapability } from './session';

export function jobRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.post('/jobs/:name/run', requireCapability('jobs.run'), async (req, res) => {
    const name = String(req.params.name);
    if (!isJob(name)) {
      const planned = PLANNED_JOBS.includes(name);
      throw new AppError('unknown_job', planned ? `Job "${name}" is not available in this version yet.` : `There is no job "${name}".`, { status: 404 });
    }
    const result = await runJob(ctx.deps, name, 'manual'); // some jobs (contacts-sync) are async
    await ctx.flushOutbox();
    res.json({ job: name, result });
  });
  return r;
}
