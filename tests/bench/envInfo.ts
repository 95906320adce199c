import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fromRoot } from '../../db/projectRoot';

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(fromRoot('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Taken when the bench starts: other work on the machine skews every number, baselines included. */
export const loadAtStart = load();

export function environmentLines(): string[] {
  const cpus = os.cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  db.close();
  return [
    `node ${process.version} (${process.platform}/${process.arch}, ${os.release()})`,
    `cpu: ${cpus[0]?.model.trim() ?? 'unknown'} x ${cpus.length} cores (availableParallelism ${os.availableParallelism()})`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free`,
    `load average (1/5/15 min): ${loadAtStart} at start, ${load()} at end`,
    `express ${pkgVersion('express')}, better-sqlite3 ${pkgVersion('better-sqlite3')} (SQLite ${sqlite}), drizzle-orm ${pkgVersion('drizzle-orm')}`,
  ];
}
