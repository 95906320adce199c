import { performance } from 'node:perf_hooks';
import { inTransaction, type Db } from '../../../db/client';
import { AppError } from '../../errors';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readPeopleCsvInSlices, type PersonRow } from './readPeopleCsv';

/** What applying an accepted import needs besides its rows (kept as JSON in `people_imports.plan`). */
export interface JournalPlan {
  defaults: { timezone: string; locale: string };
  /** E-mails the import deactivates (the file was the whole company). */
  deactivate: string[];
  deactivateMissing: boolean;
  /** The audit entry's actor, when the import is audited. */
  auditActor: string | null;
  created: number;
  updated: number;
  /**
   * Indexes of the rows whose manager comes later in the file: the person rows link every other manager as they are
   * written (the manager exists by then), these are linked in the managers phase. Absent in journals written before
   * it was kept: then every row is linked there.
   */
  relink?: number[];
}

export interface JournalRow {
  id: number;
  status: 'staging' | 'applying' | 'done';
  phase: 'people' | 'managers' | 'deactivate' | 'finish';
  cursor: number;
  total: number;
  plan: JournalPlan;
  result: { deactivated?: number } | null;
  claimedBy: string | null;
  claimedUntil: string | null;
}

/** How long a claim on an import holds without a transaction renewing it; a crashed process's import is resumed after it. */
export const CLAIM_MS = 60_000;

export function importRunning(): AppError {
  return new AppError('import_running', 'Another people import is being applied. Try again when it has finished.', { status: 409 });
}

export const claimUntil = (now: Date): string => new Date(now.getTime() + CLAIM_MS).toISOString();

/** Refuses (409 import_running) while an import is staged or applied, by this instance or another. */
export function refuseWhileRunning(db: Db): void {
  const running = db.$client.prepare(`select 1 from people_imports where status in ('staging', 'applying') limit 1`).get();
  if (running) throw importRunning();
}

export function readJournal(db: Db, id: number): JournalRow | undefined {
  const row = db.$client
    .prepare<[number], Omit<JournalRow, 'plan' | 'result'> & { plan: string; result: string | null }>(
      `select id, status, phase, cursor, total, plan, result, claimed_by as claimedBy, claimed_until as claimedUntil from people_imports where id = ?`,
    )
    .get(id);
  return row && { ...row, plan: JSON.parse(row.plan) as JournalPlan, result: row.result ? (JSON.parse(row.result) as JournalRow['result']) : null };
}

/** Characters of the file per stored piece (cut after a line end): a few ms to write each. */
const PIECE_CHARS = 256 * 1024;

/**
 * Stores an accepted import: the journal row (staging, claimed by this instance; 409 when another import is
 * running), then the file itself in pieces, a few per transaction with a turn of the event loop in between (one
 * 14 MB value took ~180 ms to write; the rows as JSON cost a stringify per row), then marks it applying. Only from
 * then on is it resumed after a crash; a staging row whose claim ran out is discarded (the upload that made it has
 * failed, nothing of it was applied).
 */
export function* stageImport(db: Db, csv: string, total: number, plan: JournalPlan, instance: string, now: () => Date): Generator<void, number> {
  const id = inTransaction(db, () => {
    refuseWhileRunning(db);
    const at = now().toISOString();
    return Number(
      db.$client
        .prepare(`insert into people_imports (status, phase, cursor, total, plan, claimed_by, claimed_until, created_at, updated_at) values ('staging', 'people', 0, ?, ?, ?, ?, ?, ?)`)
        .run(total, JSON.stringify(plan), instance, claimUntil(now()), at, at).lastInsertRowid,
    );
  });
  const insert = db.$client.prepare('insert into people_import_rows (import_id, piece, rows) values (?, ?, ?)');
  for (let start = 0, piece = 0; start < csv.length; ) {
    yield;
    const started = performance.now();
    inTransaction(db, () => {
      do {
        const cut = csv.indexOf('\n', start + PIECE_CHARS);
        const end = cut === -1 ? csv.length : cut + 1;
        insert.run(id, piece++, csv.slice(start, end));
        start = end;
      } while (start < csv.length && performance.now() - started < 6);
    });
  }
  yield;
  inTransaction(db, () => {
    db.$client.prepare(`update people_imports set status = 'applying', claimed_until = ?, updated_at = ? where id = ?`).run(claimUntil(now()), now().toISOString(), id);
  });
  return id;
}

/** The rows of a stored import (resuming after a crash): its file read back a piece per turn and parsed in slices. */
export async function storedRows(db: Db, id: number): Promise<PersonRow[]> {
  const read = db.$client.prepare<[number, number], { rows: string }>('select rows from people_import_rows where import_id = ? and piece = ?');
  const pieces: string[] = [];
  for (let piece = 0; ; piece++) {
    const got = read.get(id, piece);
    if (!got) break;
    pieces.push(got.rows);
    await nextTurn();
  }
  return readPeopleCsvInSlices(pieces.join(''));
}

/**
 * Takes an applying import for this instance when nobody holds it (a claim ran out: its process died). One
 * statement, so two instances never both take it.
 */
export function claimImport(db: Db, id: number, instance: string, now: Date): boolean {
  return (
    db.$client
      .prepare(`update people_imports set claimed_by = ?, claimed_until = ? where id = ? and status = 'applying' and (claimed_until is null or claimed_until < ?)`)
      .run(instance, claimUntil(now), id, now.toISOString()).changes === 1
  );
}

/** Gives a claim back (the applier failed here: another attempt may take it at once). */
export function releaseImport(db: Db, id: number, instance: string): void {
  db.$client.prepare(`update people_imports set claimed_until = null where id = ? and claimed_by = ? and status = 'applying'`).run(id, instance);
}
