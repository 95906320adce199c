import type { ServiceDeps } from '../bot/services/context';
import { instanceName } from '../bot/instance';

/** Longer than a job runs (they are short transactions; contacts-sync renews nothing but is idempotent too); a holder that crashed blocks its job for at most this long. */
export const JOB_LEASE_MS = 2 * 60_000;

const processInstance = instanceName();

/**
 * Takes the job for this instance, unless another instance holds an unexpired lease on it. One statement, so two
 * instances on one database (a rolling restart, or side by side) never run the same job at once. The jobs are
 * idempotent anyway (dedupe keys); the lease keeps them from doing the same work twice in parallel.
 */
export function takeJobLease(deps: ServiceDeps, job: string): boolean {
  const at = deps.now();
  const holder = deps.instance ?? processInstance;
  const until = new Date(at.getTime() + JOB_LEASE_MS).toISOString();
  const taken = deps.db.$client
    .prepare(
      `insert into job_leases (job, claimed_by, claimed_until) values (?, ?, ?)
       on conflict (job) do update set claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
       where job_leases.claimed_until <= ? or job_leases.claimed_by = excluded.claimed_by`,
    )
    .run(job, holder, until, at.toISOString());
  return taken.changes > 0;
}

/** Gives the job back at once (the next pass, here or elsewhere, may run it); if the database refuses, the lease ends by itself. */
export function releaseJobLease(deps: ServiceDeps, job: string): void {
  try {
    deps.db.$client.prepare(`delete from job_leases where job = ? and claimed_by = ?`).run(job, deps.instance ?? processInstance);
  } catch (err) {
    deps.log.warn({ err: (err as Error).message, job }, 'could not release the job lease; it ends by itself');
  }
}
