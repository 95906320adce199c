import schedule from 'node-schedule';
import type { ServiceDeps } from '../bot/services/context';
import { runJob } from './jobs';

/** Jobs woken every minute; each one decides from the database who is due (per person's time zone). */
const EVERY_MINUTE = ['standup-prompt', 'standup-reminder', 'standup-close', 'leaderboard-monthly', 'checkin-reminder', 'overdue-escalation', 'review-open', 'mentoring-checkin'];

/**
 * One scheduler pass: every minute job, in order; a failing job is logged and the others still run. A job that
 * yields between batches (the standup fan-out) returns a promise: the next job starts when it has finished.
 */
export async function schedulerPass(deps: ServiceDeps): Promise<void> {
  for (const name of EVERY_MINUTE) {
    try {
      await runJob(deps, name, 'schedule');
    } catch (err) {
      deps.log.error({ err, job: name }, 'scheduled job failed');
    }
  }
}

/**
 * node-schedule only wakes the pass; `afterPass` lets the dispatcher send what it enqueued. With a company
 * directory connected, contacts-sync also runs nightly (its cron, in DEFAULT_TIMEZONE). Returns stop().
 */
export function startClock(deps: ServiceDeps, afterPass: () => void): () => void {
  const job = schedule.scheduleJob('* * * * *', () => {
    void schedulerPass(deps).then(afterPass);
  });
  // integrations-sync: each connector's own schedule (cron, DEFAULT_TIMEZONE) is checked every minute; it talks to
  // outside APIs, so it runs apart from the pass and never overlaps itself (its job lease).
  const integrations = schedule.scheduleJob('* * * * *', () => {
    Promise.resolve()
      .then(() => runJob(deps, 'integrations-sync', 'schedule'))
      .catch((err: unknown) => deps.log.error({ err, job: 'integrations-sync' }, 'scheduled job failed'));
  });
  // slack-dm-open: DM channels opened ahead of the first prompt (after an import or a sync brought new people),
  // paced under conversations.open's limit, apart from the pass; nothing to do is one read of an empty index.
  const slackDms = deps.slackDms
    ? schedule.scheduleJob('* * * * *', () => {
        Promise.resolve()
          .then(() => runJob(deps, 'slack-dm-open', 'schedule'))
          .catch((err: unknown) => deps.log.error({ err, job: 'slack-dm-open' }, 'scheduled job failed'));
      })
    : undefined;
  const directory = deps.directory;
  const nightly = directory
    ? schedule.scheduleJob({ rule: directory.syncCron, tz: deps.settings.defaultTimezone }, () => {
        Promise.resolve()
          .then(() => runJob(deps, 'contacts-sync', 'schedule'))
          .catch((err: unknown) => deps.log.error({ err, job: 'contacts-sync' }, 'scheduled job failed'));
      })
    : undefined;
  return () => {
    job?.cancel();
    integrations?.cancel();
    nightly?.cancel();
    slackDms?.cancel();
  };
}
