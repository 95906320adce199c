import { withoutWriting, type Db } from '../db/client';
import type { OutboundMessage } from '../bot/platform/port';
import { jobRuns } from '../db/schema';
import { announceLeaderboard, announceLeaderboardNow } from '../bot/services/points/announceLeaderboard';
import { closeStandup } from '../bot/services/standup/closeStandup';
import { escalateOverdue, escalateOverdueInSlices } from '../bot/services/goals/escalateOverdue';
import { remindCheckins, remindCheckinsInSlices } from '../bot/services/goals/remindCheckins';
import type { ServiceDeps } from '../bot/services/context';
import { promptStandup, promptStandupInSlices } from '../bot/services/standup/promptStandup';
import { remindStandup } from '../bot/services/standup/remindStandup';
import { syncContacts } from '../bot/services/people/syncContacts';
import { openSlackDms } from '../bot/services/people/openSlackDms';
import { reviewRhythm, reviewRhythmInSlices } from '../bot/services/reviews/reviewRhythm';
import { syncIntegrations } from '../bot/services/integrations/syncIntegrations';
import { AppError } from '../bot/errors';
import { askMentoringCheckins } from '../bot/services/talent/mentors/askMentoringCheckins';
import { releaseJobLease, takeJobLease } from './jobLease';

type Job = (deps: ServiceDeps, opts: { manual: boolean }) => unknown;

/** How long one slack-dm-open run opens DM channels before it ends. */
export const SLACK_DM_OPEN_RUN_MS = 50_000;

/**
 * Every job asks the database who is due and enqueues with dedupe keys, so running one twice, or again
 * after a restart, never repeats a message. `manual` is the admin's run-now: do the current period's work now.
 */
export const JOBS: Record<string, Job> = {
  'standup-prompt': promptStandupInSlices,
  'standup-reminder': remindStandup,
  'standup-close': closeStandup,
  'leaderboard-monthly': announceLeaderboard,
  'checkin-reminder': remindCheckinsInSlices,
  'overdue-escalation': escalateOverdueInSlices,
  'contacts-sync': (deps) => syncContacts(deps),
  'review-open': reviewRhythmInSlices,
  'integrations-sync': syncIntegrations,
  'mentoring-checkin': askMentoringCheckins,
  // Under a minute per run (the every-minute tick, the job lease); what is left goes on at the next tick.
  'slack-dm-open': (deps) => openSlackDms(deps, { maxMs: SLACK_DM_OPEN_RUN_MS }),
};

/** Names of the external contract that later features fill in; asking for them now is a clear 404. */
export const PLANNED_JOBS: string[] = [];

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

/** Jobs that message nobody (they sync the directory or metrics from outside): a dry run of them is 0. */
const SILENT_JOBS = new Set(['contacts-sync', 'integrations-sync', 'slack-dm-open']);
/**
 * The one-call form of jobs that run in slices: a dry run must finish inside its rolled-back transaction (a sliced
 * run would go on, for real, after the rollback).
 */
const WHOLE: Partial<Record<string, Job>> = { 'standup-prompt': promptStandup, 'leaderboard-monthly': announceLeaderboardNow, 'checkin-reminder': remindCheckins, 'overdue-escalation': escalateOverdue, 'review-open': reviewRhythm };

/**
 * The console's confirmation: how many people (and channels) a run now would message. The job runs for real
 * inside one transaction that is then rolled back, so the count is exactly what it would enqueue, and nothing is
 * stored or sent. The outbox is not touched: deliveries exist only inside the rolled-back transaction.
 */
export function dryRunJob(deps: ServiceDeps, name: string): { wouldMessage: number; channels: number } {
  if (SILENT_JOBS.has(name)) return { wouldMessage: 0, channels: 0 };
  return rolledBack(deps, name, (c, before) => {
    const row = c.prepare('select count(distinct person_id) as people, count(distinct channel) as channels from deliveries where id > ?').get(before) as { people: number; channels: number };
    return { wouldMessage: row.people, channels: row.channels };
  });
}

/**
 * What a run now would send one person (the payloads of their deliveries), found the same way: the job runs in a
 * transaction that is rolled back. For the console's "send a test to me only" of jobs whose message depends on
 * the person's own data (their check-ins due, their reports' overdue goals, their review).
 */
export function wouldSendTo(deps: ServiceDeps, name: string, personId: number): OutboundMessage[] {
  if (SILENT_JOBS.has(name)) return [];
  return rolledBack(deps, name, (c, before) =>
    (c.prepare('select payload from deliveries where id > ? and person_id = ? order by id').pluck().all(before, personId) as string[]).map((p) => JSON.parse(p) as OutboundMessage),
  );
}

function rolledBack<T>(deps: ServiceDeps, name: string, read: (c: Db['$client'], before: number) => T): T {
  const c = deps.db.$client;
  return withoutWriting(deps.db, () => {
    const before = c.prepare('select coalesce(max(id), 0) from deliveries').pluck().get() as number;
    const result = (WHOLE[name] ?? JOBS[name])(deps, { manual: true });
    if (result instanceof Promise) throw new AppError('dry_run_unavailable', `Job "${name}" cannot be tried without running it.`, { status: 400 });
    return read(c, before);
  });
}
