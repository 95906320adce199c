import type { ServiceDeps } from '../context';

/** How long a flow counts as in progress: one touched more recently is not interrupted by a flow the bot starts. */
export const BUSY_MS = 2 * 3_600_000;

/**
 * Puts a person in a flow at step 0 about `subjectId` (a pulse's cycle, a mentoring check-in…). `unlessBusy`: a flow
 * touched in the last two hours (a standup being answered) is left alone — the person resumes later by its command;
 * an older one is stale and gives way. One statement, in the caller's transaction.
 */
export function enterFlow(deps: ServiceDeps, personId: number, flow: string, subjectId: number, unlessBusy: boolean): void {
  const now = deps.now();
  const busySince = unlessBusy ? new Date(now.getTime() - BUSY_MS).toISOString() : '9999';
  deps.db.$client
    .prepare(
      `insert into conversations (person_id, flow, step, subject_id, data, expires_at, updated_at) values (?, ?, 0, ?, null, null, ?)
       on conflict (person_id) do update set flow = excluded.flow, step = 0, subject_id = excluded.subject_id, data = null,
         expires_at = null, updated_at = excluded.updated_at where conversations.updated_at < ?`,
    )
    .run(personId, flow, subjectId, now.toISOString(), busySince);
}
