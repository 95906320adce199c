import { signal } from '@preact/signals';
import { api } from '../api';
import { refreshMessages } from './chat';

/** Every job of the registry (scheduler/jobs.ts), in the order of a week. */
export const JOB_NAMES = [
  'standup-prompt',
  'standup-reminder',
  'standup-close',
  'checkin-reminder',
  'overdue-escalation',
  'leaderboard-monthly',
  'review-open',
  'mentoring-checkin',
  'contacts-sync',
  'integrations-sync',
  'slack-dm-open',
] as const;
export type JobName = (typeof JOB_NAMES)[number];
/** Jobs with a "send a test to me only": prompts, reminders and digests (scheduler/jobTests.ts). */
export const TESTABLE_JOBS: readonly JobName[] = ['standup-prompt', 'standup-reminder', 'standup-close', 'checkin-reminder', 'overdue-escalation', 'review-open', 'mentoring-checkin'];

export interface JobOutcome {
  job: JobName;
  test?: boolean;
  result?: Record<string, unknown>;
  error?: unknown;
}

/** A run waiting for the admin's yes: how many people (and channels) it would message. */
export interface JobConfirmation {
  job: JobName;
  wouldMessage: number;
  channels: number;
}

export const runningJob = signal<JobName | null>(null);
export const jobOutcome = signal<JobOutcome | null>(null);
export const jobConfirmation = signal<JobConfirmation | null>(null);

async function busy(job: JobName, work: () => Promise<void>): Promise<void> {
  runningJob.value = job;
  jobOutcome.value = null;
  try {
    await work();
  } catch (err) {
    jobOutcome.value = { job, error: err };
  } finally {
    runningJob.value = null;
  }
}

/** First a dry run (nothing sent): the confirmation says how many people the run would message. */
export function askToRun(job: JobName): Promise<void> {
  jobConfirmation.value = null;
  return busy(job, async () => {
    const res = await api.post<{ wouldMessage: number; channels: number }>(`/api/jobs/${encodeURIComponent(job)}/run?dryRun=1`);
    jobConfirmation.value = { job, wouldMessage: res.wouldMessage, channels: res.channels };
  });
}

export function cancelRun(): void {
  jobConfirmation.value = null;
}

/** The confirmed run. */
export function runJob(job: JobName): Promise<void> {
  jobConfirmation.value = null;
  return busy(job, async () => {
    const res = await api.post<{ job: string; result: Record<string, unknown> }>(`/api/jobs/${encodeURIComponent(job)}/run`);
    jobOutcome.value = { job, result: res?.result };
    void refreshMessages(); // the job usually posts to the open conversation
  });
}

/** "Send a test to me only": only the caller is messaged; no round is opened. */
export function testJob(job: JobName): Promise<void> {
  jobConfirmation.value = null;
  return busy(job, async () => {
    const res = await api.post<{ result: Record<string, unknown> }>(`/api/jobs/${encodeURIComponent(job)}/run`, { testOnly: true });
    jobOutcome.value = { job, test: true, result: res?.result };
    void refreshMessages();
  });
}
