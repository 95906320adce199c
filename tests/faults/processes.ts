import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client';
import { importPeople } from '../../bot/services/people/importPeople';
import { buildPeople } from '../bench/peopleCsv';

const ROOT = join(import.meta.dirname, '../..');

/** A database file with `count` people of the bench company, written before any app process starts. */
export function preparePeople(path: string, count: number, now: Date): void {
  const db = openDatabase(path);
  try {
    importPeople({ db, now: () => now, defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' } }, buildPeople(count, { identities: false }).csv);
  } finally {
    db.$client.close();
  }
}

export interface AppProcess {
  child: ChildProcess;
  /** Resolves when the app is up (it printed "ready"). */
  ready: Promise<void>;
  /** Resolves with how it ended: "done" (finished its pass and exited 0), or "killed". */
  ended: Promise<'done' | 'killed' | 'failed'>;
  /** Lets a process started with FAULT_WAIT_FOR_GO begin its pass. */
  go: () => void;
}

/** Starts tests/faults/child.ts (or another child script) as a real process (tsx), on the given database and business time. */
export function startAppProcess(env: Record<string, string>, script = 'tests/faults/child.ts'): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready')) onReady();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ended = new Promise<'done' | 'killed' | 'failed'>((resolve) => {
    child.on('exit', (code, signal) => {
      onReady();
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else {
        process.stderr.write(`fault child failed (code ${code}):\n${err.slice(-4000)}\n`);
        resolve('failed');
      }
    });
  });
  return { child, ready, ended, go: () => child.stdin!.write('go\n') };
}

/** A random whole number of milliseconds in [0, max). */
export function randomDelay(max: number): number {
  return Math.floor(Math.random() * max);
}

/**
 * Resolves once `countSql` (a `select count(*) as n …`) reads more than 0 on the file — e.g. work under way and not
 * finished, for a kill aimed part-way —, or once the process ended, or after `tries` polls 10 ms apart. Until the
 * first process has migrated the schema the query fails: it polls on.
 */
export async function untilFileShows(path: string, ended: Promise<unknown>, countSql: string, tries: number): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  for (let i = 0; i < tries && !over; i++) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      if ((db.prepare(countSql).get() as { n: number }).n > 0) return;
    } catch {
      // not migrated yet
    } finally {
      db.close();
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
