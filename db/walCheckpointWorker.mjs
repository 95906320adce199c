// The WAL checkpointer's thread (db/walCheckpointer.ts): its own connection to the database file, running passive
// checkpoints so that copying the log into the file, and the two fsyncs that go with it, never run on the event loop.
// Plain JavaScript: a worker thread does not inherit the TypeScript loader (tsx, vitest).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// Checkpoints sync the log before writing the file and the file after, as the main connection's would.
db.pragma('synchronous = NORMAL');
// A passive checkpoint never waits for a lock: what a writer or a reader holds is left for the next round.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let timer;
let stopped = false;

function round() {
  timer = undefined;
  if (stopped) return;
  let caughtUp = false;
  try {
    // Up to three passes in a row while commits keep landing meanwhile: once the whole log is copied, the next
    // write transaction starts the log over from its beginning, so it stops growing.
    for (let pass = 0; pass < 3 && !caughtUp; pass++) {
      const r = checkpoint.get();
      caughtUp = r.busy === 0 && r.checkpointed >= r.log;
    }
  } catch (err) {
    // SQLITE_BUSY: another process checkpoints; anything else (a full disk) is reported, and the next round retries.
    if (err?.code !== 'SQLITE_BUSY') parentPort.postMessage({ type: 'error', message: String(err?.message ?? err), code: err?.code });
  }
  timer = setTimeout(round, everyMs);
}

parentPort.on('message', (m) => {
  if (m?.type !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ type: 'ready' });
timer = setTimeout(round, everyMs);
