import { signal } from '@preact/signals';
import { api } from '../api';
import { refreshMessages } from './chat';

export const JOB_NAMES = ['standup-prompt', 'standup-reminder', 'standup-close'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobOutcome {
  job: JobName;
  result?: unknown;
  error?: unknown;
}

export const runningJob = signal<JobName | null>(null);
export const jobOutcome = signal<JobOutcome | null>(null);

export async function runJob(job: JobName): Promise<void> {
  runningJob.value = job;
  jobOutcome.value = null;
  try {
    const res = await api.post<{ job: string; result: unknown }>(
      `/api/jobs/${encodeURIComponent(job)}/run`,
    );
    jobOutcome.value = { job, result: res?.result };
  } catch (err) {
    jobOutcome.value = { job, error: err };
  } finally {
    runningJob.value = null;
    void refreshMessages(); // the job usually posts to the open conversation
  }
}
