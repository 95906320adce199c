import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';
import { announceLeaderboard } from '../bot/services/points/announceLeaderboard';
import { closeStandup } from '../bot/services/standup/closeStandup';
import { escalateOverdue } from '../bot/services/goals/escalateOverdue';
import { remindCheckins } from '../bot/services/goals/remindCheckins';
import type { ServiceDeps } from '../bot/services/context';
import { promptStandupInSlices } from '../bot/services/standup/promptStandup';
import { remindStandup } from '../bot/services/standup/remindStandup';
import { syncContacts } from '../bot/services/people/syncContacts';
import { reviewRhythm } from '../bot/services/reviews/reviewRhythm';
import { AppError } from '../bot/errors';
import { releaseJobLease, takeJobLease } from './jobLease';

type Job = (deps: ServiceDeps, opts: { manual: boolean }) => unknown;

/**
 * Every job asks the database who is due and enqueues with dedupe keys, so running one twice, or again
 * after a restart, never repeats a message. `manual` is the admin's run-now: do the current period's work now.
 */
export const JOBS: Record<string, Job> = {
  'standup-prompt': promptStandupInSlices,
  'standup-reminder': remindStandup,
  'standup-close': closeStandup,
  'leaderboard-monthly': announceLeaderboard,
  'checkin-reminder': remindCheckins,
  'overdue-escalation': escalateOverdue,
  'contacts-sync': (deps) => syncContacts(deps),
  'review-open': reviewRhythm,
};

/** Names of the external contract that later features fill in; asking for them now is a clear 404. */
export const PLANNED_JOBS = ['integrations-sync'];

export function isJob(name: string): boolean {
  return Object.hasOwn(JOBS, name);
}

/** Did a job result change anything? (any non-zero count or non-empty list) */
function didWork(result: unknown): boolean {
  if (!result || typeof result !== 'object') return Boolean(result);
  return Object.values(result).some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'number' ? v > 0 : Boolean(v)));
}

/**
 * Runs a job under its lease (see jobLease.ts): while another instance runs it, a scheduled run is skipped
 * (undefined) and a manual one is refused with 409 job_running.
 */
export function runJob(deps: ServiceDeps, name: string, trigger: 'schedule' | 'manual'): unknown {
  if (!takeJobLease(deps, name)) {
    if (trigger === 'manual') throw new AppError('job_running', `Job "${name}" is running right now; try again when it has finished.`, { status: 409 });
    return undefined;
  }
  let result: unknown;
  try {
    result = runRecorded(deps, name, trigger);
  } catch (err) {
    releaseJobLease(deps, name);
    throw err;
  }
  if (result instanceof Promise) return result.finally(() => releaseJobLease(deps, name));
  releaseJobLease(deps, name);
  return result;
}

/**
 * Runs a job. Manual runs, failures and scheduled runs that did something are recorded in job_runs;
 * the every-minute ticks that found nothing due are not, to keep the table meaningful. A job that talks to
 * an outside API (contacts-sync) returns a promise: then so does runJob, and the run is recorded when it settles.
 */
function runRecorded(deps: ServiceDeps, name: string, trigger: 'schedule' | 'manual'): unknown {
  const db: Db = deps.db;
  const startedAt = deps.now().toISOString();
  const record = (fields: { result?: unknown; error?: string }) =>
    db.insert(jobRuns).values({ job: name, trigger, startedAt, finishedAt: deps.now().toISOString(), ...fields }).run();
  const succeeded = (result: unknown) => {
    if (trigger === 'manual' || didWork(result)) record({ result });
    return result;
  };
  const failed = (err: unknown): never => {
    record({ error: err instanceof Error ? err.message : String(err) });
    throw err;
  };
  try {
    const result = JOBS[name](deps, { manual: trigger === 'manual' });
    return result instanceof Promise ? result.then(succeeded, failed) : succeeded(result);
  } catch (err) {
    return failed(err);
  }
}
