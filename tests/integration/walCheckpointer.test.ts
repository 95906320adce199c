import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { startWalCheckpointer, walRoom, type WalCheckpointer } from '../../db/walCheckpointer';
import { createLogger } from '../../bot/logger';

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Issue 15, inbound p99: WAL checkpoints (log → file, two fsyncs) run on a thread, not in a request's commit. */
describe('WAL checkpoints on their own thread', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let checkpointer: WalCheckpointer | undefined;
  const autocheckpoint = () => db.$client.pragma('wal_autocheckpoint', { simple: true }) as number;
  const fileBytes = () => statSync(file).size;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-wal-'));
    file = join(dir, 'perf.db');
    db = openDatabase(file);
    db.$client.exec('create table filler (id integer primary key, body text not null)');
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    if (db.$client.open) db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** About `pages` pages of new rows, in commits of ~20 pages, as inbound groups write them. */
  const write = (pages: number) => {
    const insert = db.$client.prepare('insert into filler (body) values (?)');
    for (let c = 0; c < pages / 20; c++) db.$client.transaction(() => { for (let i = 0; i < 20; i++) insert.run('x'.repeat(3900)); })();
  };

  it('copies the log into the file from the thread while the main connection checkpoints only past its fallback', async () => {
    checkpointer = startWalCheckpointer(db, createLogger('silent'), { everyMs: 20, fallbackPages: 50_000 });
    await until(() => autocheckpoint() === 50_000); // the thread is up: the main connection stands back
    const before = fileBytes();
    write(2000); // twice SQLite's own threshold, far under the fallback: only the thread can have copied it
    await until(() => fileBytes() >= before + 1900 * 4096);
    expect(fileBytes() - before).toBeGreaterThanOrEqual(1900 * 4096);
    // The rows are all there, read through the main connection.
    expect(db.$client.prepare('select count(*) as n from filler').get()).toEqual({ n: 2000 });
  });

  it('leaves the checkpoints to SQLite itself again once stopped, and closes cleanly', async () => {
    checkpointer = startWalCheckpointer(db, createLogger('silent'), { everyMs: 20 });
    await until(() => autocheckpoint() === 10_000);
    await checkpointer.stop();
    expect(autocheckpoint()).toBe(1000);
    const before = fileBytes();
    write(1200); // past 1,000 log pages: the committing connection checkpoints, as without the thread
    expect(fileBytes() - before).toBeGreaterThanOrEqual(900 * 4096);
  });

  it('keeps a process alive until it has stopped, when nothing else would (an app closing at the end of a script)', () => {
    const script = join(dir, 'closing.mts');
    const root = join(import.meta.dirname, '../..');
    writeFileSync(
      script,
      `import { openDatabase } from '${root}/db/client';
       import { startWalCheckpointer } from '${root}/db/walCheckpointer';
       import { createLogger } from '${root}/bot/logger';
       const db = openDatabase('${join(dir, 'script.db')}');
       const checkpointer = startWalCheckpointer(db, createLogger('silent'));
       await new Promise((r) => setTimeout(r, 200));
       await checkpointer.stop();
       db.$client.close();
       console.log('closed');`,
    );
    // Exit code 13 and no "closed" when the stop's wait held no reference (the process ended under the await).
    expect(execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' }).trim()).toBe('closed');
  });

  /** The WAL's header: its checkpoint sequence number goes up by one each time the log starts over (SQLite's format). */
  const walHeader = () => {
    const fd = openSync(`${file}-wal`, 'r');
    const b = Buffer.alloc(32);
    readSync(fd, b, 0, 32, 0);
    closeSync(fd);
    return { magic: b.readUInt32BE(0), checkpointSeq: b.readUInt32BE(12) };
  };
  const walFrames = () => Math.floor((statSync(`${file}-wal`).size - 32) / (4096 + 24));

  it('a writer in slices that makes room between its slices keeps the log short of the fallback, every row kept', async () => {
    checkpointer = startWalCheckpointer(db, createLogger('silent'), { everyMs: 20, fallbackPages: 3000, roomPages: 400 });
    await until(() => autocheckpoint() === 3000);
    expect(walRoom(db)).toBeUndefined(); // nothing written yet: no reason to wait
    const startSeq = walHeader().checkpointSeq;
    const insert = db.$client.prepare('insert into filler (body) values (?)');
    let waits = 0;
    // 8,000 pages, 20 per commit, a turn of the event loop between commits: nearly three times the fallback
    for (let slice = 0; slice < 400; slice++) {
      db.$client.transaction(() => {
        for (let i = 0; i < 20; i++) insert.run('x'.repeat(3900));
      })();
      await nextTurn();
      const room = walRoom(db);
      if (room) {
        waits++;
        await room;
      }
    }
    expect(waits).toBeGreaterThan(10); // 8,000 pages in runs of ~420
    // The WAL file only grows to the log's longest run: it never reached the fallback, where the writing connection
    // would have checkpointed inside its own commit. The log started over several times. The writer reads the log's
    // length itself between slices, so a run ends one slice past the room (421 pages here); when it waited on the
    // thread's rounds (every 20 ms) a fast machine wrote 2,000 pages between two and reached the fallback every time.
    expect(walFrames()).toBeLessThan(2 * 400);
    expect(walHeader().checkpointSeq - startSeq).toBeGreaterThan(1);
    expect(db.$client.prepare('select count(*) as n from filler').get()).toEqual({ n: 8000 });
  });

  it('starts the log over on its own thread during a catch-up: the writer\'s next commit writes no new log header', async () => {
    checkpointer = startWalCheckpointer(db, createLogger('silent'), { everyMs: 20, roomPages: 200 });
    await until(() => autocheckpoint() === 10_000);
    write(400);
    await until(() => walRoom(db) !== undefined); // the thread has reported the log past 200 pages
    const before = walHeader();
    await walRoom(db);
    // Nothing was written on the main connection since: the header rewritten (the next checkpoint sequence number,
    // synced by SQLite before the first frame) is the thread's.
    const after = walHeader();
    expect(after.magic).toBe(before.magic);
    expect(after.checkpointSeq).toBe(before.checkpointSeq + 1);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(0); // the thread's write changed nothing
    write(20);
    expect(walHeader().checkpointSeq).toBe(after.checkpointSeq); // the writer appended to the log the thread began
    expect(db.$client.prepare('select count(*) as n from filler').get()).toEqual({ n: 420 });
  });

  it('while a writer in slices runs, its rounds only measure the log: no checkpoint under its commits until it asks', async () => {
    checkpointer = startWalCheckpointer(db, createLogger('silent'), { everyMs: 20, roomPages: 1_000_000 });
    await until(() => autocheckpoint() === 10_000);
    const before = fileBytes();
    const end = Date.now() + 400;
    let rows = 0;
    while (Date.now() < end) {
      expect(walRoom(db)).toBeUndefined(); // a writer in slices between two slices; far from its room
      write(40);
      rows += 40;
      await new Promise((r) => setTimeout(r, 20));
    }
    // ~20 rounds went by: none copied the log into the file while the writer ran
    expect(fileBytes()).toBe(before);
    // the writer's lease (a second) runs out: the rounds checkpoint again
    await until(() => fileBytes() > before + 500 * 4096, 5_000);
    expect(db.$client.prepare('select count(*) as n from filler').get()).toEqual({ n: rows });
  });

  it('makes no writer wait without a checkpoint thread', () => {
    write(400);
    expect(walRoom(db)).toBeUndefined();
  });

  it('does nothing for an in-memory database', async () => {
    const mem = openDatabase(':memory:');
    const none = startWalCheckpointer(mem, createLogger('silent'));
    await none.stop();
    expect(mem.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    mem.$client.close();
  });
});
