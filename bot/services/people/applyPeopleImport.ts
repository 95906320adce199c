import type { Statement } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { inTransaction, type Db } from '../../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import { leaderRule, type Member } from './departments';
import { claimUntil, type JournalRow } from './importJournal';
import type { PersonRow } from './readPeopleCsv';

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
  /** Only with `deactivateMissing`: people not in the file, now inactive. */
  deactivated?: number;
}

export interface ApplyDeps {
  db: Db;
  now: () => Date;
  instance: string;
  /** Tests: called after each committed transaction of the apply (a throw stops the applier there, as a crash would). */
  afterCommit?: (journal: { phase: string; cursor: number }) => void;
}

/** Work per transaction: short enough that other requests wait little, long enough that commits stay few. */
const SLICE_MS = 8;
/** …and never more rows than this in one transaction. */
const MAX_ROWS = 500;
const PAGE = 1000;

type Phase = JournalRow['phase'];

/**
 * Applies an accepted import (its journal row, its rows by index) in short transactions, yielding between them:
 * every person row (department, fields, chat ids), then every manager link (so a manager later in the file exists),
 * then the deactivations, then the department leaders and one audit entry. Each transaction checks the journal is
 * still this instance's and where it left off, and advances the cursor with the rows it wrote, so a crash at any
 * point leaves the import resumable from exactly there (and the writes are upserts by e-mail besides).
 * `isNew(index)`: whether the row's e-mail was not in the directory the checks read (then its person is inserted,
 * and upserted only if someone took the e-mail since); without it (a resume), every row is taken for new when the
 * plan creates anyone. Either way the row ends the same: only the statement differs.
 */
export function* applyPeopleImport(
  deps: ApplyDeps,
  journal: JournalRow,
  rowAt: (index: number) => PersonRow,
  isNew: (index: number) => boolean = () => journal.plan.created > 0,
): Generator<void, ImportResult> {
  const { db } = deps;
  const c = db.$client;
  const { plan } = journal;
  let phase: Phase = journal.phase;
  let cursor = journal.cursor;
  let deactivated = journal.result?.deactivated ?? 0;
  const position = c.prepare<[number], { status: string; phase: Phase; cursor: number; claimedBy: string | null }>(
    'select status, phase, cursor, claimed_by as claimedBy from people_imports where id = ?',
  );
  const advance = c.prepare('update people_imports set phase = ?, cursor = ?, result = ?, claimed_until = ?, updated_at = ? where id = ?');

  /** One transaction of the apply: `work` writes from `cursor` on and returns where the journal then stands. */
  const step = (work: (started: number) => { phase: Phase; cursor: number }) => {
    const started = performance.now();
    const next = inTransaction(db, () => {
      const at = position.get(journal.id);
      if (!at || at.status !== 'applying' || at.claimedBy !== deps.instance || at.phase !== phase || at.cursor !== cursor) {
        throw claimLost();
      }
      const moved = work(started);
      const now = deps.now();
      advance.run(moved.phase, moved.cursor, JSON.stringify({ deactivated }), claimUntil(now), now.toISOString(), journal.id);
      return moved;
    });
    phase = next.phase;
    cursor = next.cursor;
    deps.afterCommit?.({ phase, cursor });
  };
  /** Rows from the cursor while the transaction is young; the next phase once the file is done. */
  const rowsFrom = (started: number, total: number, each: (index: number) => void, then: Phase) => {
    let i = cursor;
    const end = Math.min(total, cursor + MAX_ROWS);
    while (i < end) {
      each(i++);
      if (performance.now() - started >= SLICE_MS) break;
    }
    return i < total ? { phase, cursor: i } : { phase: then, cursor: 0 };
  };

  if (phase === 'people') {
    const writer = personWriter(db, plan.defaults, deps.now().toISOString());
    while (phase === 'people') {
      try {
        step((started) => rowsFrom(started, journal.total, (i) => writer.write(rowAt(i), isNew(i)), 'managers'));
      } catch (err) {
        writer.forget();
        throw err;
      }
      writer.keep();
      yield;
    }
  }
  if (phase === 'managers') {
    // Only the rows whose manager came later in the file (the person rows linked the others); every row for a journal
    // written before the plan kept them.
    const relink = plan.relink;
    const idOf = c.prepare('select id from people where email = ?').pluck() as Statement<[string], number>;
    const link = c.prepare('update people set manager_id = ? where email = ? and manager_id is not ?');
    while (phase === 'managers') {
      step((started) =>
        rowsFrom(started, relink ? relink.length : journal.total, (k) => {
          const r = rowAt(relink ? relink[k] : k);
          const managerId = r.manager_email ? (idOf.get(r.manager_email) ?? null) : null;
          link.run(managerId, r.email, managerId);
        }, 'deactivate'),
      );
      yield;
    }
  }
  if (phase === 'deactivate') {
    const deactivate = c.prepare('update people set active = 0, updated_at = ? where email = ? and active = 1');
    while (phase === 'deactivate') {
      const at = deps.now().toISOString();
      step((started) => rowsFrom(started, plan.deactivate.length, (i) => (deactivated += deactivate.run(at, plan.deactivate[i]).changes), 'finish'));
      yield;
    }
  }
  // Department leaders from the directory as it now is (paged reads, short writes; recomputed whole on a resume),
  // then the end of the import with its one audit entry.
  yield* leadersInSteps(db);
  const result: ImportResult = { created: plan.created, updated: plan.updated, total: journal.total, ...(plan.deactivateMissing ? { deactivated } : {}) };
  inTransaction(db, () => {
    const at = position.get(journal.id);
    if (!at || at.status !== 'applying' || at.claimedBy !== deps.instance) throw claimLost();
    if (plan.auditActor) {
      appendAudit(db, { actor: plan.auditActor, action: 'people.import', entity: 'people_import', entityId: journal.id, after: { ...result, deactivatedEmails: plan.deactivate } }, deps.now());
    }
    c.prepare(`update people_imports set status = 'done', phase = 'finish', cursor = 0, result = ?, claimed_by = null, claimed_until = null, updated_at = ? where id = ?`)
      .run(JSON.stringify(result), deps.now().toISOString(), journal.id);
  });
  deps.afterCommit?.({ phase: 'done', cursor: 0 });
  yield* dropStoredRows(db, journal.id);
  return result;
}

const claimLost = () => new AppError('import_claim_lost', 'This people import was taken over by another instance.', { status: 409 });

/** Deletes a finished import's stored file, 4 pieces (~1 MB) per transaction. */
export function* dropStoredRows(db: Db, id: number): Generator<void, void> {
  const drop = db.$client.prepare('delete from people_import_rows where import_id = ? and piece in (select piece from people_import_rows where import_id = ? limit 4)');
  while (inTransaction(db, () => drop.run(id, id).changes) > 0) yield;
}

/** recomputeDepartmentLeaders with its reads paged and its writes in short transactions (only changed leaders are written). */
function* leadersInSteps(db: Db): Generator<void, void> {
  const c = db.$client;
  // `+active`: by the primary key from the cursor on. With `active = 1` SQLite took people_active_tz_idx, i.e. every
  // active person read and sorted again for each page (quadratic: 100 pages × 100,000 rows at 100,000 people).
  const page = c.prepare<[number, number], Member>('select id, department_id as departmentId, manager_id as managerId from people where +active = 1 and id > ? order by id limit ?');
  const rule = leaderRule(c.prepare('select coalesce(max(id), 0) from people').pluck().get() as number); // ids are not reused: at most that many
  for (let after = 0; ; ) {
    const got = page.all(after, PAGE);
    rule.add(got);
    if (got.length < PAGE) break;
    after = got[got.length - 1].id;
    yield;
  }
  const depts = c.prepare<[number, number], { id: number; leaderId: number | null }>('select id, leader_id as leaderId from departments where id > ? order by id limit ?');
  const changed: [number | null, number][] = [];
  for (let after = 0; ; ) {
    const got = depts.all(after, PAGE);
    for (const d of got) {
      const leader = rule.of(d.id);
      if (leader !== d.leaderId) changed.push([leader, d.id]);
    }
    if (got.length < PAGE) break;
    after = got[got.length - 1].id;
    yield;
  }
  const update = c.prepare('update departments set leader_id = ? where id = ?');
  for (let i = 0; i < changed.length; ) {
    const started = performance.now();
    inTransaction(db, () => {
      do update.run(...changed[i++]);
      while (i < changed.length && performance.now() - started < SLICE_MS);
    });
    yield;
  }
}

/**
 * Writes person rows: the department (and its parents) by path, the person upserted by e-mail, the chat ids.
 * Statements prepared once per apply. Department ids created in a transaction are remembered only once it
 * committed (`keep`), so a failed transaction leaves no id that does not exist.
 */
function personWriter(db: Db, defaults: JournalRow['plan']['defaults'], at: string) {
  const c = db.$client;
  const findDept = c.prepare('select id from departments where path = ?').pluck() as Statement<[string], number>;
  const insertDept = c.prepare('insert into departments (path, name, parent_id) values (?, ?, ?) returning id').pluck() as Statement<[string, string, number | null], number>;
  // The manager is linked here when it exists already (in the directory, or earlier in the file); the rows whose
  // manager comes later in the file are linked again in the managers phase (plan.relink).
  // A person the plan found new is inserted, which is ~20 % less of SQLite's work than the upsert (measured alone:
  // 10,000 rows, 90 ms against 113 ms of the main thread); `on conflict do nothing` leaves an e-mail someone took
  // since the check to the upsert below.
  const insert = c.prepare(`
    insert into people (employee_no, name, email, department_id, manager_id, job_function, timezone, locale, role, active, created_at, updated_at)
    values (?, ?, ?, ?, (select m.id from people m where m.email = ?), ?, ?, ?, ?, 1, ?, ?)
    on conflict (email) do nothing`);
  const upsert = c.prepare(`
    insert into people (employee_no, name, email, department_id, manager_id, job_function, timezone, locale, role, active, created_at, updated_at)
    values (?, ?, ?, ?, (select m.id from people m where m.email = ?), ?, ?, ?, ?, 1, ?, ?)
    on conflict (email) do update set employee_no = excluded.employee_no, name = excluded.name, department_id = excluded.department_id,
      manager_id = excluded.manager_id, job_function = excluded.job_function, timezone = excluded.timezone, locale = excluded.locale,
      role = excluded.role, active = 1, updated_at = excluded.updated_at
    returning id`).pluck() as Statement<[string, string, string, number, string, string, string, string, string, string, string], number>;
  // A chat id the plan found free but someone took since (between the check and this write) is left to its holder
  // rather than failing the accepted import half way.
  const setIdentity = c.prepare(`insert or ignore into identities (person_id, platform, external_id) values (@personId, @platform, @externalId)
    on conflict (person_id, platform) do update set external_id = excluded.external_id,
      dm_channel = case when external_id = excluded.external_id then dm_channel end
    where not exists (select 1 from identities x where x.platform = excluded.platform and x.external_id = excluded.external_id and x.person_id != excluded.person_id)`);
  const kept = new Map<string, number>();
  let fresh = new Map<string, number>();
  const deptId = (full: string): number => {
    const known = kept.get(full) ?? fresh.get(full);
    if (known !== undefined) return known;
    const parts = full.split('/').map((p) => p.trim()).filter(Boolean);
    let parentId: number | null = null;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let id = kept.get(path) ?? fresh.get(path) ?? findDept.get(path);
      if (id === undefined) id = insertDept.get(path, parts[i], parentId)!;
      fresh.set(path, id);
      parentId = id;
    }
    fresh.set(full, parentId!);
    return parentId!;
  };
  return {
    write(r: PersonRow, isNew: boolean): void {
      const values = [
        r.employee_no, r.name, r.email, deptId(r.department), r.manager_email, r.job_function || 'general',
        r.timezone || defaults.timezone, r.locale || defaults.locale, r.role || 'employee', at, at,
      ] as const;
      const inserted = isNew ? insert.run(...values) : undefined;
      const personId = inserted?.changes === 1 ? Number(inserted.lastInsertRowid) : upsert.get(...values)!;
      if (r.slack_user_id) setIdentity.run({ personId, platform: 'slack', externalId: r.slack_user_id });
      if (r.wecom_userid) setIdentity.run({ personId, platform: 'wecom', externalId: r.wecom_userid });
    },
    keep(): void {
      for (const [k, v] of fresh) kept.set(k, v);
      fresh = new Map();
    },
    forget(): void {
      fresh = new Map();
    },
  };
}
