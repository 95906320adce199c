import type { Db } from '../../../db/client';
import { importRefused } from '../../errors';
import { instanceName } from '../../instance';
import { runAll, runInSlices } from '../slices';
import { applyPeopleImport, type ApplyDeps, type ImportResult } from './applyPeopleImport';
import { checkRows } from './checkPeopleImport';
import { readDirectory } from './directorySnapshot';
import { sliceClock } from '../sliceClock';
import { ShardedSet } from '../shardedMap';
import { readJournal, refuseWhileRunning, releaseImport, stageImport, type JournalPlan } from './importJournal';
import { checkUpload, type UploadOptions } from './importUpload';
import { PEOPLE_CSV_HEADER, readPeopleCsv, readPeopleCsvInSlices, type PersonRow } from './readPeopleCsv';

export { PEOPLE_CSV_HEADER };
export type { ImportResult };

interface ImportDeps {
  db: Db;
  now: () => Date;
  defaults: { timezone: string; locale: 'zh-CN' | 'en' };
  /** The instance applying the import (its claim on the journal); a fresh name when not given. */
  instance?: string;
  /** Tests: see ApplyDeps.afterCommit. */
  afterCommit?: ApplyDeps['afterCommit'];
}

/** Imports people from CSV at once (the demo seed, small files): checked whole, then applied; re-importing an e-mail updates that person. */
export function importPeople(deps: ImportDeps, csv: string): ImportResult {
  return runAll(importRows(deps, csv, readPeopleCsv(csv), {}));
}

/**
 * The upload's import (POST /api/people/import): nothing in it holds the event loop for long. The CSV is parsed and
 * its rows checked in slices, the directory read in pages, every cross-row check and the plan computed in slices —
 * all before anything is written, so a bad file is refused whole (every problem by line) with nothing changed. The
 * accepted import is then journaled (`people_imports`) and applied in transactions of ≤ 500 rows or ~8 ms with a
 * turn of the event loop between them (a 10,000-person import was one ~300 ms transaction, 100,000 several seconds).
 * Others may see the directory part-way through for those seconds; a crash leaves the journal, and the next start
 * finishes the import exactly once (`resumePeopleImports`). A second import meanwhile → 409 import_running.
 */
export async function importPeopleInSlices(deps: ImportDeps, csv: string, options: UploadOptions = {}): Promise<ImportResult> {
  refuseWhileRunning(deps.db); // before the work of reading a file that could not be applied now
  return runInSlices(importRows(deps, csv, await readPeopleCsvInSlices(csv), options), deps.db);
}

/** Indexes of the rows whose manager_email is the e-mail of a later row (one pass from the end, yielding every ~5 ms). */
function* managersLater(rows: PersonRow[]): Generator<void, number[]> {
  const later = new ShardedSet<string>(rows.length);
  const relink: number[] = [];
  const due = sliceClock();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.manager_email && later.has(r.manager_email)) relink.push(i);
    later.add(r.email);
    if (due()) yield;
  }
  return relink.reverse();
}

function* importRows(deps: ImportDeps, csv: string, rows: PersonRow[], options: UploadOptions): Generator<void, ImportResult> {
  const { db } = deps;
  const dir = yield* readDirectory(db);
  const problems = yield* checkRows(dir, rows);
  const upload = yield* checkUpload(dir, rows, deps.defaults, options, problems);
  if (problems.length) throw importRefused(problems.sort((a, b) => a.line - b.line));
  // which rows are new to the directory (the apply inserts those): a byte per row, so the directory itself is not
  // kept while the import is applied
  const isNew = new Uint8Array(rows.length);
  let created = 0;
  const due = sliceClock();
  for (let i = 0; i < rows.length; i++) {
    if (!dir.byEmail.has(rows[i].email)) {
      isNew[i] = 1;
      created++;
    }
    if (due()) yield;
  }
  const plan: JournalPlan = {
    defaults: deps.defaults, deactivate: upload.deactivate, deactivateMissing: Boolean(options.deactivateMissing),
    auditActor: upload.audit ? options.actor! : null, created, updated: rows.length - created,
    relink: yield* managersLater(rows),
  };
  const instance = deps.instance ?? instanceName();
  const id = yield* stageImport(db, csv, rows.length, plan, instance, deps.now);
  try {
    return yield* applyPeopleImport({ db, now: deps.now, instance, afterCommit: deps.afterCommit }, readJournal(db, id)!, (i) => rows[i], (i) => isNew[i] === 1);
  } catch (err) {
    // Accepted: it stays applying, and this instance's resumer (or the next start) takes it up from its cursor.
    try {
      releaseImport(db, id, instance);
    } catch {
      // the database refuses writes (full disk): the claim runs out by itself
    }
    throw err;
  }
}
