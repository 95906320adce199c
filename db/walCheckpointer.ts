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

/**
 * WAL checkpoints on a thread of their own. SQLite checkpoints in the connection that commits past 1,000 log pages:
 * on the event loop, in the middle of an inbound request's commit, copying the log into the file with an fsync before
 * and after (16–105 ms each on the bench machine under load; a commit group took up to 282 ms with them, 28 ms
 * without). Here a worker thread with its own connection runs passive checkpoints every `everyMs`, and the main
 * connection only checkpoints by itself past `fallbackPages` (if the thread falls behind under sustained writes, or
 * is gone). A passive checkpoint takes no lock a writer waits for; when it has copied the whole log, the next write
 * transaction starts the log over. Durability is unchanged: the same checkpoint, with the same syncs, elsewhere.
 */
export function startWalCheckpointer(db: Db, log: CheckpointLog, opts: { everyMs?: number; fallbackPages?: number } = {}): WalCheckpointer {
  const c = db.$client;
  if (c.memory || String(c.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return { stop: async () => {} };
  const fallbackPages = opts.fallbackPages ?? 10_000;
  const worker = new Worker(fromRoot('db', 'walCheckpointWorker.mjs'), { workerData: { file: c.name, everyMs: opts.everyMs ?? 100 } });
  worker.unref();
  let running = false;
  const selfCheckpointing = () => {
    running = false;
    if (c.open) c.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('message', (m: { type: string; message?: string; code?: string }) => {
    if (m.type === 'ready' && c.open) {
      running = true;
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
      if (running) selfCheckpointing();
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
