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

/**
 * `kills` app processes started one after another on the same file, each killed with SIGKILL: every other one (the
 * 1st, 3rd, …) once `underWay` (a count) shows the work under way and then within `aimedMs`, the others at a random
 * moment within `randomMs`. Counts the kills that landed (the process had not finished by itself) and those that left
 * the work unfinished (`unfinished`, a count, read after the kill): the next process must finish it.
 */
export async function killRepeatedly(
  path: string,
  opts: { kills: number; env: () => Record<string, string>; underWay: string; polls: number; aimedMs: number; randomMs: number; unfinished: string },
): Promise<{ landed: number; partWay: number }> {
  let landed = 0;
  let partWay = 0;
  for (let i = 0; i < opts.kills; i++) {
    const p = startAppProcess(opts.env());
    await p.ready;
    if (i % 2 === 0) await untilFileShows(path, p.ended, opts.underWay, opts.polls);
    await new Promise((r) => setTimeout(r, randomDelay(i % 2 === 0 ? opts.aimedMs : opts.randomMs)));
    p.child.kill('SIGKILL');
    const how = await p.ended;
    if (how === 'failed') throw new Error(`the app process failed before kill ${i + 1} (its stderr is above)`);
    if (how !== 'killed') continue;
    landed++;
    const peek = new Database(path, { readonly: true });
    try {
      if ((peek.prepare(opts.unfinished).get() as { n: number }).n > 0) partWay++;
    } finally {
      peek.close();
    }
  }
  return { landed, partWay };
}
