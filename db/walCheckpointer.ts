import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fromRoot } from './projectRoot';
import type { Db } from './client';

/** What the checkpointer reports through (the app's pino logger fits): db/ imports nothing from bot/. */
export interface CheckpointLog {
  warn: (fields: object, message: string) => void;
}

export interface WalCheckpointer {
  stop: () => Promise<void>;
}

/** SQLite's own threshold (pages in the log), restored whenever the checkpointer thread is not running. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Log pages (about 4 KB each) past which a writer in slices lets the thread catch up before its next slice. */
export const ROOM_PAGES = 4000;
/** The longest a writer waits for a catch-up (a thread descheduled or gone must not hold it up). */
const CATCH_UP_MAX_MS = 500;

interface Running {
  worker: Worker;
  /** ROOM_PAGES unless the checkpointer was started with another (tests). */
  roomPages: number;
  /** The -shm file, opened to read the log's length (walPages). */
  shm?: number;
  /** When this process last told the thread a writer in slices runs (walRoom). */
  writerSaid: number;
  /** The catch-up under way, shared by every writer that asks meanwhile. */
  catchingUp?: Promise<void>;
}
const running = new WeakMap<Db['$client'], Running>();

/**
 * Called between two slices of a writer in slices (`nextSlice`, bot/services/slices.ts: the import, the standup
 * prompt, the goal ladder, a cycle's opening), in the turn it yields. While the log is
 * shorter than `ROOM_PAGES` (or no checkpoint thread runs) it returns undefined: go on. Past it, a promise that
 * settles once the thread has copied the log with this writer's commits paused, so that its next transaction starts
 * the log over. Without that pause sustained commits never let the log start over, and the main connection, at its
 * fallback of 10,000 pages, checkpointed inside a commit: the WAL and the file synced on the event loop (40–60 ms in
 * a traced 10k opening, every ~1.3 s). The event loop is free while a writer waits; only that writer waits.
 * Durability is unchanged: the same passive checkpoints with the same syncs, at a moment the log can start over.
 */
export function walRoom(db: Db): Promise<void> | undefined {
  const r = running.get(db.$client);
  if (!r) return undefined;
  // While a writer in slices runs, the thread checkpoints only in its catch-ups (its rounds skip theirs):
  // a lease of a second, renewed at most every 250 ms.
  const now = Date.now();
  if (now - r.writerSaid > 250) {
    r.writerSaid = now;
    r.worker.postMessage({ type: 'writer', ms: 1000 });
  }
  if ((walPages(db.$client.name, r) ?? 0) < r.roomPages) return undefined;
  r.catchingUp ??= new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      r.worker.off('message', onMessage);
      r.worker.off('exit', done);
      r.catchingUp = undefined;
      resolve();
    };
    const onMessage = (m: { type: string }) => {
      if (m.type === 'caughtUp') done();
    };
    const timer = setTimeout(done, CATCH_UP_MAX_MS);
    r.worker.on('message', onMessage);
    r.worker.once('exit', done);
    r.worker.postMessage({ type: 'catchUp' });
  });
  return r.catchingUp;
}

const header = Buffer.alloc(48);

/**
 * The log's length in pages, now: `mxFrame` of the wal-index header at the start of the -shm file (SQLite's documented
 * wal-index format: a u32 at byte 16, in the machine's byte order), one 48-byte read (~1.5 µs). Read here at every
 * slice's end, not reported by the thread's rounds: a writer in slices on a fast machine wrote 2,000 pages between two
 * rounds 20 ms apart and ran the log past the fallback before it heard. Undefined if the file can't be read.
 */
function walPages(file: string, r: Running): number | undefined {
  try {
    r.shm ??= openSync(`${file}-shm`, 'r');
    if (readSync(r.shm, header, 0, 48, 0) < 48) return undefined;
    return endianness() === 'LE' ? header.readUInt32LE(16) : header.readUInt32BE(16);
  } catch {
    return undefined;
  }
}

/**
 * WAL checkpoints on a thread of their own. SQLite checkpoints in the connection that commits past 1,000 log pages:
 * on the event loop, in the middle of an inbound request's commit, copying the log into the file with an fsync before
 * and after (16–105 ms each on the bench machine under load; a commit group took up to 282 ms with them, 28 ms
 * without). Here a worker thread with its own connection runs passive checkpoints every `everyMs`, and the main
 * connection only checkpoints by itself past `fallbackPages` (if the thread falls behind under sustained writes, or
 * is gone). A passive checkpoint takes no lock a writer waits for; when it has copied the whole log, the next write
 * transaction starts the log over. Durability is unchanged: the same checkpoint, with the same syncs, elsewhere.
 * A writer in slices reads the log's length between its slices and asks the thread to catch up past ROOM_PAGES (walRoom).
 */
export function startWalCheckpointer(db: Db, log: CheckpointLog, opts: { everyMs?: number; fallbackPages?: number; roomPages?: number } = {}): WalCheckpointer {
  const c = db.$client;
  if (c.memory || String(c.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return { stop: async () => {} };
  const fallbackPages = opts.fallbackPages ?? 10_000;
  const worker = new Worker(fromRoot('db', 'walCheckpointWorker.mjs'), { workerData: { file: c.name, everyMs: opts.everyMs ?? 100 } });
  worker.unref();
  let up = false;
  const selfCheckpointing = () => {
    up = false;
    const r = running.get(c);
    if (r?.shm !== undefined) closeSync(r.shm);
    running.delete(c);
    if (c.open) c.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('message', (m: { type: string; message?: string; code?: string }) => {
    if (m.type === 'ready' && c.open) {
      up = true;
      running.set(c, { worker, roomPages: opts.roomPages ?? ROOM_PAGES, writerSaid: 0 });
      c.pragma(`wal_autocheckpoint = ${fallbackPages}`);
    } else if (m.type === 'error') {
      log.warn({ code: m.code }, `WAL checkpoint failed (retried): ${m.message}`);
    }
  });
  worker.on('error', (err) => {
    log.warn({ err }, 'the WAL checkpoint thread stopped; the database checkpoints by itself again');
    selfCheckpointing();
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      if (up) selfCheckpointing();
      // Referenced while stopping: with nothing else left, an unreferenced wait would let the process exit under it.
      worker.ref();
      worker.postMessage({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
