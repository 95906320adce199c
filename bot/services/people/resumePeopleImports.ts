import { inTransaction, type Db } from '../../../db/client';
import type { Logger } from '../../logger';
import { applyPeopleImport, dropStoredRows } from './applyPeopleImport';
import { claimImport, readJournal, releaseImport, storedRows } from './importJournal';
import { nextSlice } from '../slices';

interface ResumeDeps {
  db: Db;
  now: () => Date;
  instance: string;
  log: Logger;
}

export interface ImportResumer {
  /** Runs a sweep now (or returns the one running): resolves when it has finished. */
  sweep: () => Promise<void>;
  /** Stops the timer; a sweep in progress stops after its current transaction and gives its claim back. */
  stop: () => Promise<void>;
}

/**
 * Finishes people imports a crashed (or failed) process left applying: at start-up and every `everyMs` after, each
 * import whose claim has run out is claimed and applied from its journal's cursor, a transaction at a time with the
 * event loop free in between, exactly as the upload would have. Staging imports whose claim ran out (their upload
 * died before the import was accepted) are discarded, and rows kept for finished imports are dropped.
 */
export function startImportResumer(deps: ResumeDeps, everyMs = 30_000): ImportResumer {
  let running: Promise<void> | undefined;
  let stopped = false;
  /** Runs a generator's steps until it ends or the resumer stops. */
  const drive = async <T>(steps: Generator<void, T>): Promise<boolean> => {
    for (;;) {
      if (stopped) return false;
      if (steps.next().done) return true;
      await nextSlice(deps.db);
    }
  };
  const once = async () => {
    const { db } = deps;
    const c = db.$client;
    const now = deps.now().toISOString();
    const abandoned = c.prepare<[string], { id: number }>(`select id from people_imports where status = 'staging' and (claimed_until is null or claimed_until < ?)`).all(now);
    for (const { id } of abandoned) {
      if (!(await drive(dropStoredRows(db, id)))) return;
      inTransaction(db, () => c.prepare(`delete from people_imports where id = ? and status = 'staging' and (claimed_until is null or claimed_until < ?)`).run(id, now));
      deps.log.warn({ importId: id }, 'Discarded a people import that was never accepted (its upload stopped while storing it).');
    }
    const waiting = c.prepare<[string], { id: number }>(`select id from people_imports where status = 'applying' and (claimed_until is null or claimed_until < ?) order by id`).all(now);
    for (const { id } of waiting) {
      if (stopped || !claimImport(db, id, deps.instance, deps.now())) continue;
      const journal = readJournal(db, id)!;
      deps.log.warn({ importId: id, phase: journal.phase, cursor: journal.cursor, total: journal.total }, 'Resuming an unfinished people import.');
      try {
        const rows = await storedRows(db, id);
        const finished = await drive(applyPeopleImport({ db, now: deps.now, instance: deps.instance }, journal, (i) => rows[i]));
        if (finished) deps.log.info({ importId: id }, 'People import finished.');
        else releaseImport(db, id, deps.instance);
      } catch (err) {
        deps.log.error({ err, importId: id }, 'Resuming a people import failed; it is tried again later.');
        try {
          releaseImport(db, id, deps.instance);
        } catch {
          // the claim runs out by itself
        }
      }
    }
    const leftovers = c.prepare<[], { id: number }>(`select distinct r.import_id as id from people_import_rows r join people_imports i on i.id = r.import_id where i.status = 'done'`).all();
    for (const { id } of leftovers) if (!(await drive(dropStoredRows(db, id)))) return;
  };
  const sweep = () => {
    running ??= once()
      .catch((err: unknown) => deps.log.error({ err }, 'People import sweep failed.'))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  void sweep();
  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
