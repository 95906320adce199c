import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../../db/client';
import type { DispatcherHealth } from '../outbox/dispatcher';

export interface HealthReason {
  code: 'storage' | 'outbox_failing' | 'outbox_stuck' | 'dead_letters';
  message: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  reasons?: HealthReason[];
}

/** Due messages older than this while the dispatcher made no progress for as long: the outbox is stuck. */
export const STUCK_AFTER_MS = 5 * 60_000;
/** More dead letters than this in the last day: someone should look (wrong credentials, a removed user…). */
export const DEAD_LETTER_LIMIT = 20;
/** Less free space than this where the database lives: writes will start failing soon. */
export const LOW_DISK_BYTES = 64 * 1024 * 1024;
/** Fewer pages than this left before the database's own size limit (PRAGMA max_page_count). */
const LOW_PAGES = 64;
/** Answers are reused this long, so a busy load balancer cannot turn /healthz into a write load. */
const CACHE_MS = 1000;

interface Sources {
  db: Db;
  now: () => Date;
  dispatcher: () => DispatcherHealth | undefined;
}

/**
 * What /healthz reports: ok, or degraded with the reasons — the database refuses a write (one row rewritten in a
 * short transaction), the dispatcher's last drain failed or it is stuck behind due messages, or dead letters pile up.
 */
export function healthCheck(src: Sources): () => HealthReport {
  let cached: { at: number; report: HealthReport } | undefined;
  return () => {
    const wall = Date.now();
    if (cached && wall - cached.at < CACHE_MS) return cached.report;
    let found: (HealthReason | undefined)[];
    try {
      found = [probeWrite(src), ...outboxReasons(src, wall)];
    } catch (err) {
      found = [{ code: 'storage', message: `the database cannot be read: ${(err as Error).message}` }];
    }
    const reasons = found.filter((r): r is HealthReason => r !== undefined);
    const report: HealthReport = reasons.length ? { status: 'degraded', reasons } : { status: 'ok' };
    cached = { at: wall, report };
    return report;
  };
}

/** Room to write: the write probe, then free pages under the size limit, then free space on the file system. */
function probeWrite(src: Sources): HealthReason | undefined {
  return probeTransaction(src) ?? probeRoom(src);
}

function probeRoom({ db }: Sources): HealthReason | undefined {
  const c = db.$client;
  const pages = (name: string) => c.pragma(name, { simple: true }) as number;
  const room = pages('max_page_count') - pages('page_count') + pages('freelist_count');
  if (room < LOW_PAGES) return { code: 'storage', message: `the database is full (${room} pages left under max_page_count)` };
  if (c.memory) return undefined;
  const fs = statfsSync(dirname(c.name));
  const free = fs.bavail * fs.bsize;
  if (free < LOW_DISK_BYTES) return { code: 'storage', message: `the disk holding the database is almost full (${Math.round(free / 1024 / 1024)} MB free)` };
  return undefined;
}

function probeTransaction({ db, now }: Sources): HealthReason | undefined {
  const c = db.$client;
  const busy = c.pragma('busy_timeout', { simple: true }) as number;
  c.pragma('busy_timeout = 250'); // never hold the event loop for the normal 5 s on a busy file
  try {
    c.transaction(() => c.prepare(`insert into health_probe (id, at) values (1, ?) on conflict (id) do update set at = excluded.at`).run(now().toISOString())).immediate();
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY') return undefined; // another writer holds the file: busy is not broken
    return { code: 'storage', message: `the database refuses writes: ${(err as Error).message}` };
  } finally {
    c.pragma(`busy_timeout = ${busy}`);
  }
}

function outboxReasons({ db, now, dispatcher }: Sources, wall: number): (HealthReason | undefined)[] {
  const d = dispatcher();
  const reasons: (HealthReason | undefined)[] = [];
  if (d?.lastError) reasons.push({ code: 'outbox_failing', message: `the outbox could not be drained since ${d.lastError.at}: ${d.lastError.message}` });
  const at = now().getTime();
  if (d && wall - d.lastProgressAt > STUCK_AFTER_MS) {
    const overdue = db.$client
      .prepare<[string], { n: number }>(`select count(*) as n from (select 1 from deliveries where status = 'pending' and next_attempt_at <= ? limit 1)`)
      .get(new Date(at - STUCK_AFTER_MS).toISOString())!.n;
    if (overdue > 0) reasons.push({ code: 'outbox_stuck', message: `messages due over ${STUCK_AFTER_MS / 60_000} minutes ago are still waiting and nothing was sent since` });
  }
  const dead = db.$client
    .prepare<[string], { n: number }>(`select count(*) as n from deliveries where dead_at > ?`)
    .get(new Date(at - 24 * 3600_000).toISOString())!.n;
  if (dead > DEAD_LETTER_LIMIT) reasons.push({ code: 'dead_letters', message: `${dead} messages were given up on in the last 24 hours` });
  return reasons;
}
