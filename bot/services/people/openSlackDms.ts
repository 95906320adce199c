import { setTimeout as wait } from 'node:timers/promises';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import { AppError } from '../../errors';
import { TokenBucket } from '../../outbox/tokenBucket';
import type { ServiceDeps } from '../context';

/** What opening one DM channel ahead came to (the Slack plugin's directory answers it). */
export type DmOpenOutcome =
  | { ok: true; channel: string; called: boolean }
  /** conversations.open answered 429: wait this long before the next call. */
  | { ok: false; retryAfterMs: number }
  /** Failed: refused for good (the user is gone, a scope is missing…: not asked again until a restart), or not (a later run tries again). */
  | { ok: false; error: string; retryable: boolean };

/** The Slack plugin's side of the slack-dm-open job: opens (and stores in identities.dm_channel) one DM channel. */
export interface SlackDmOpener {
  openDm(userId: string): Promise<DmOpenOutcome>;
  /** conversations.open calls a minute the job may make (SLACK_DM_OPEN_PER_MINUTE; Slack's Tier 3: 50+). */
  perMinute: number;
}

export interface OpenSlackDmsInput {
  /** Instead of the configured SLACK_DM_OPEN_PER_MINUTE. */
  perMinute?: number;
  /** Stop after this long (the scheduled run: under a minute, so the every-minute tick and the job lease fit). */
  maxMs?: number;
}

export interface OpenSlackDmsResult {
  opened: number;
  failed: number;
  /** 429s met (each waited out for its Retry-After). */
  rateLimited: number;
  /** Active people with a Slack user and no DM channel yet after this run (those Slack refused for good not counted). */
  left: number;
}

/** Users whose DM could not be opened (not found, not allowed), by database: not asked again until a restart. */
const refused = new WeakMap<Db, Set<string>>();
/** The run in progress, by database, with what stops it when the app closes. */
const running = new WeakMap<Db, { result: Promise<OpenSlackDmsResult>; stop: AbortController }>();
const statements = new WeakMap<Db, { page: Statement<[string, number], { user: string }>; left: Statement<[], { n: number }> }>();

function sql(db: Db) {
  let s = statements.get(db);
  if (!s) {
    // identities_slack_dm_missing_idx holds exactly the Slack users with no DM channel: a run once every DM is open
    // reads nothing. Named, because without statistics SQLite's planner walks the (platform, external_id) index.
    const missing = `from identities i indexed by identities_slack_dm_missing_idx join people p on p.id = i.person_id
                     where i.platform = 'slack' and i.dm_channel is null and p.active = 1`;
    s = {
      page: db.$client.prepare(`select i.external_id as user ${missing} and i.external_id > ? order by i.external_id limit ?`),
      left: db.$client.prepare(`select count(*) as n ${missing}`),
    };
    statements.set(db, s);
  }
  return s;
}

/** Waits, or less if the run is stopped meanwhile. */
const sleep = (ms: number, signal: AbortSignal) => wait(ms, undefined, { signal }).catch(() => undefined);

/**
 * slack-dm-open: opens the DM channels of active people who have a Slack user but no DM channel yet (after a people
 * import or a directory sync), paced under conversations.open's own limit, so the first Friday's prompt to them is
 * one chat.postMessage instead of two calls. Idempotent (only people without a channel; Slack answers the same
 * channel twice anyway) and restart-safe (the channel is stored as it is opened; what is left is found again in
 * the database). A 429 is waited out for its Retry-After. One run at a time per database.
 */
export function openSlackDms(deps: ServiceDeps, input: OpenSlackDmsInput = {}): Promise<OpenSlackDmsResult> {
  const opener = deps.slackDms;
  if (!opener) throw new AppError('slack_not_configured', 'slack-dm-open needs Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN).', { status: 409 });
  const inFlight = running.get(deps.db);
  if (inFlight) return inFlight.result;
  const stop = new AbortController();
  const result = openAll(deps, opener, input, stop.signal).finally(() => running.delete(deps.db));
  running.set(deps.db, { result, stop });
  return result;
}

/**
 * The app is closing: a run in progress ends at its next step (a wait for a 429's Retry-After is cut short; a call
 * already made is answered and stored), before the database closes under it. What is left is the next run's.
 */
export async function stopSlackDmOpens(db: Db): Promise<void> {
  const run = running.get(db);
  if (!run) return;
  run.stop.abort();
  await run.result.catch(() => undefined);
}

async function openAll(deps: ServiceDeps, opener: SlackDmOpener, { perMinute = opener.perMinute, maxMs = Infinity }: OpenSlackDmsInput, stopped: AbortSignal): Promise<OpenSlackDmsResult> {
  const started = performance.now();
  const perSecond = perMinute / 60;
  // No burst past one call: the budget is Slack's per minute, and the dispatcher may be opening DMs too.
  const bucket = new TokenBucket(perSecond, 1);
  // A few calls in flight when the budget allows more than one call's round trip (~20 per second each).
  const width = Math.min(16, Math.max(1, Math.ceil(perSecond / 20)));
  const skip = refused.get(deps.db) ?? new Set<string>();
  refused.set(deps.db, skip);
  const { page, left } = sql(deps.db);
  const result: OpenSlackDmsResult = { opened: 0, failed: 0, rateLimited: 0, left: 0 };
  let pausedUntil = 0;
  let cursor = '';
  const timeUp = () => stopped.aborted || performance.now() - started >= maxMs;

  const openOne = async (user: string): Promise<void> => {
    for (;;) {
      const wait = pausedUntil - performance.now();
      if (wait > 0) await sleep(wait, stopped);
      if (timeUp()) return;
      await bucket.take();
      // The wait for a token may outlast the run's time: a run never calls Slack past its end.
      if (timeUp()) return;
      const outcome = await opener.openDm(user);
      if (outcome.ok) {
        if (outcome.called) result.opened++;
        return;
      }
      if ('retryAfterMs' in outcome) {
        result.rateLimited++;
        pausedUntil = Math.max(pausedUntil, performance.now() + outcome.retryAfterMs);
        bucket.spent();
        continue;
      }
      result.failed++;
      if (!outcome.retryable) skip.add(user);
      deps.log.warn({ slackUser: user, err: outcome.error }, 'slack-dm-open: the DM channel could not be opened');
      return;
    }
  };

  while (!timeUp()) {
    const users = page.all(cursor, 200).map((r) => r.user);
    if (users.length === 0) break;
    cursor = users[users.length - 1];
    const todo = users.filter((u) => !skip.has(u));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(width, todo.length) }, async () => {
        while (next < todo.length && !timeUp()) await openOne(todo[next++]);
      }),
    );
  }
  await new Promise((resolve) => setImmediate(resolve)); // the directory stores the channels opened this turn
  if (stopped.aborted) return result; // the app is closing: the count of what is left is the next run's
  result.left = Math.max(0, left.get()!.n - skip.size);
  if (result.opened + result.failed + result.rateLimited > 0) deps.log.info({ ...result }, 'slack-dm-open done');
  return result;
}
