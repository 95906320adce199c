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

/**
 * Up to `passes` passive checkpoints in a row while commits keep landing meanwhile. Returns the log's length (pages)
 * and whether the last pass found all of it copied: then the next write transaction that starts before any other
 * commit starts the log over from its beginning. Null when the database was busy (another process checkpoints).
 */
function passes(passes) {
  try {
    let r;
    for (let pass = 0; pass < passes; pass++) {
      r = checkpoint.get();
      if (r.busy === 0 && r.checkpointed >= r.log) return { pages: r.log, copied: true };
    }
    return { pages: r.log, copied: false };
  } catch (err) {
    // SQLITE_BUSY: another process checkpoints; anything else (a full disk) is reported, and the next round retries.
    if (err?.code !== 'SQLITE_BUSY') parentPort.postMessage({ type: 'error', message: String(err?.message ?? err), code: err?.code });
    return null;
  }
}

/** While a writer in slices runs (walRoom renews it), rounds skip their checkpoint; see holdRounds. */
let writerUntil = 0;

function round() {
  timer = undefined;
  if (stopped) return;
  // While a writer in slices runs it reads the log's length itself and asks for a catch-up (walRoom) when it grows long.
  if (Date.now() >= writerUntil) passes(3);
  timer = setTimeout(round, everyMs);
}

/**
 * Starts the log over from this thread, right after a pass found all of it copied: a write transaction that begins
 * with every frame copied writes its page from the log's beginning, and SQLite syncs the log's new header before that
 * first frame (its rule against out-of-order writes after a restart). Done here, that sync is this thread's; left to
 * the next commit it was the event loop's (3–18 ms a time in a traced opening). The write rewrites the database
 * header's user_version with its own value (nothing in the app reads or sets it): one page, no change. Skipped when
 * another connection is writing (no busy wait); a write that found frames still uncopied only appends its page.
 */
const readVersion = db.prepare('PRAGMA user_version').pluck();
function startLogOver() {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const version = Number(readVersion.get());
      db.pragma(`user_version = ${version}`);
      db.exec('COMMIT');
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  } catch (err) {
    if (!String(err?.code).startsWith('SQLITE_BUSY')) parentPort.postMessage({ type: 'error', message: String(err?.message ?? err), code: err?.code });
  } finally {
    db.pragma('busy_timeout = 5000');
  }
}

/**
 * A writer in slices waits between two slices (walRoom): with its commits paused, a pass copies what is left of the
 * log and syncs, and this thread starts the log over. Sustained commits never leave such a moment on their own (each
 * pass copies what was there when it began, and new commits land while it syncs), so without it the log grew to the
 * main connection's fallback, which then checkpointed inside a commit: two fsyncs on the event loop (the 40–60 ms
 * stalls of a review cycle's opening), and the commit after it synced the restarted log's header.
 */
function catchUp() {
  if (stopped) return;
  if (timer) clearTimeout(timer);
  const r = passes(5);
  if (r?.copied && r.pages > 0) startLogOver();
  parentPort.postMessage({ type: 'caughtUp', copied: r?.copied ?? false, pages: r?.pages ?? -1 });
  timer = setTimeout(round, everyMs);
}

parentPort.on('message', (m) => {
  if (m?.type === 'catchUp') return catchUp();
  // holdRounds: a writer in slices is running; checkpoint only in its catch-ups, when its commits are paused (a
  // checkpoint's fsyncs under a commit's log write blocked that commit 17–106 ms on ext4 in the traced openings).
  if (m?.type === 'writer') return void (writerUntil = Date.now() + m.ms);
  if (m?.type !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ type: 'ready' });
timer = setTimeout(round, everyMs);
