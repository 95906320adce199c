import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { startWalCheckpointer, type WalCheckpointer } from '../../db/walCheckpointer';
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

  it('does nothing for an in-memory database', async () => {
    const mem = openDatabase(':memory:');
    const none = startWalCheckpointer(mem, createLogger('silent'));
    await none.stop();
    expect(mem.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    mem.$client.close();
  });
});
