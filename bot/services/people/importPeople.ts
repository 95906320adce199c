import type { Statement } from 'better-sqlite3';
import { inTransaction, type Db } from '../../../db/client';
import { identities, people } from '../../../db/schema';
import { importRefused, type LineProblem } from '../../errors';
import { ensureDepartments, recomputeDepartmentLeaders } from './departments';
import { prepareUpload, type UploadOptions } from './importUpload';
import { PEOPLE_CSV_HEADER, readPeopleCsv, readPeopleCsvInSlices, type PersonRow } from './readPeopleCsv';

export { PEOPLE_CSV_HEADER };

type Row = PersonRow;

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
  /** Only with `deactivateMissing`: people not in the file, now inactive. */
  deactivated?: number;
}

interface ImportDeps {
  db: Db;
  now: () => Date;
  defaults: { timezone: string; locale: 'zh-CN' | 'en' };
}

/** Imports people from CSV: all rows or none; re-importing an e-mail updates that person. */
export function importPeople(deps: ImportDeps, csv: string): ImportResult {
  return applyRows(deps, readPeopleCsv(csv));
}

/**
 * The same for an upload: the CSV is parsed and its rows checked in slices between which other requests run (a
 * 16 MB file is over a second of that work). The cross-row checks and the write stay one synchronous step, so the
 * import is still all or nothing against one state of the directory; with prepared statements that step is about
 * half a second for 100,000 people, and it is the one pause left (see README, people import).
 */
export async function importPeopleInSlices(deps: ImportDeps, csv: string, options: UploadOptions = {}): Promise<ImportResult> {
  return applyRows(deps, await readPeopleCsvInSlices(csv), options);
}

function applyRows(deps: ImportDeps, rows: Row[], options: UploadOptions = {}): ImportResult {
  return inTransaction(deps.db, () => {
    const problems = validate(deps.db, rows);
    const upload = prepareUpload(deps, rows, options, problems);
    if (problems.length) throw importRefused(problems.sort((a, b) => a.line - b.line));
    upload.confirm();
    return upload.finish(write(deps, rows));
  });
}

/** Cross-row checks: duplicates in the file, identities taken by others, unknown managers, manager cycles. */
export function validate(db: Db, rows: Row[]): LineProblem[] {
  const problems: LineProblem[] = [];
  const firstLine = new Map<string, number>();
  const seen = (kind: string, value: string, line: number, field: string) => {
    if (!value) return;
    const key = `${kind}:${value}`;
    const prior = firstLine.get(key);
    if (prior !== undefined) problems.push({ line, field, message: `${field} "${value}" also appears on line ${prior}` });
    else firstLine.set(key, line);
  };
  for (const r of rows) {
    seen('email', r.email, r.line, 'email');
    seen('no', r.employee_no, r.line, 'employee_no');
    seen('slack', r.slack_user_id, r.line, 'slack_user_id');
    seen('wecom', r.wecom_userid, r.line, 'wecom_userid');
    if (r.manager_email === r.email) problems.push({ line: r.line, field: 'manager_email', message: 'manager_email cannot be the person themself' });
  }

  const existing = db.select({ id: people.id, email: people.email, employeeNo: people.employeeNo, managerId: people.managerId }).from(people).all();
  const byEmail = new Map(existing.map((p) => [p.email, p]));
  const emailById = new Map(existing.map((p) => [p.id, p.email]));
  const fileEmails = new Set(rows.map((r) => r.email));

  const byEmployeeNo = new Map(existing.map((p) => [p.employeeNo, p]));
  for (const r of rows) {
    const owner = byEmployeeNo.get(r.employee_no);
    if (owner && owner.email !== r.email) problems.push({ line: r.line, field: 'employee_no', message: `employee_no "${r.employee_no}" belongs to ${owner.email}` });
    if (r.manager_email && !fileEmails.has(r.manager_email) && !byEmail.has(r.manager_email)) {
      problems.push({ line: r.line, field: 'manager_email', message: `manager_email "${r.manager_email}" is not in this file or the directory` });
    }
  }

  const holders = new Map(
    db.select({ platform: identities.platform, externalId: identities.externalId, personId: identities.personId }).from(identities).all()
      .map((i) => [`${i.platform}:${i.externalId}`, i]),
  );
  for (const r of rows) {
    for (const [platform, value, field] of [['slack', r.slack_user_id, 'slack_user_id'], ['wecom', r.wecom_userid, 'wecom_userid']] as const) {
      const holder = value ? holders.get(`${platform}:${value}`) : undefined;
      if (holder && emailById.get(holder.personId) !== r.email) problems.push({ line: r.line, field, message: `${field} "${value}" belongs to ${emailById.get(holder.personId)}` });
    }
  }

  // The manager graph after the import must have no cycles.
  const managerOf = new Map<string, string>();
  for (const p of existing) if (p.managerId != null) managerOf.set(p.email, emailById.get(p.managerId)!);
  for (const r of rows) {
    if (r.manager_email) managerOf.set(r.email, r.manager_email);
    else managerOf.delete(r.email);
  }
  for (const r of rows) {
    const visited = new Set([r.email]);
    for (let m = managerOf.get(r.email); m; m = managerOf.get(m)) {
      if (visited.has(m)) {
        problems.push({ line: r.line, field: 'manager_email', message: `manager chain of ${r.email} loops back (${[...visited, m].join(' → ')})` });
        break;
      }
      visited.add(m);
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * Writes the rows with statements prepared once per import: building a drizzle query per row cost ~300 µs, which
 * made 20,000 people a 7-second stall. Existing people and managers are looked up from one full read of `people`
 * (no `IN (…)` list: SQLite allows at most 32,766 parameters, fewer than a big import has e-mails).
 */
function write(deps: ImportDeps, rows: Row[]): ImportResult {
  const { db } = deps;
  const at = deps.now().toISOString();
  const deptIds = ensureDepartments(db, rows.map((r) => r.department));
  const existingEmails = new Set(db.select({ email: people.email }).from(people).all().map((p) => p.email));
  const sqlite = db.$client;
  const upsert = sqlite.prepare(`
    insert into people (employee_no, name, email, department_id, job_function, timezone, locale, role, active, created_at, updated_at)
    values (@employeeNo, @name, @email, @departmentId, @jobFunction, @timezone, @locale, @role, 1, @at, @at)
    on conflict (email) do update set employee_no = excluded.employee_no, name = excluded.name, department_id = excluded.department_id,
      job_function = excluded.job_function, timezone = excluded.timezone, locale = excluded.locale, role = excluded.role,
      active = 1, updated_at = excluded.updated_at
    returning id`) as Statement<[Record<string, unknown>], { id: number }>;
  const idByEmail = new Map<string, number>();
  for (const r of rows) {
    const row = upsert.get({
      employeeNo: r.employee_no, name: r.name, email: r.email, departmentId: deptIds.get(r.department)!,
      jobFunction: r.job_function || 'general', timezone: r.timezone || deps.defaults.timezone,
      locale: r.locale || deps.defaults.locale, role: r.role || 'employee', at,
    })!;
    idByEmail.set(r.email, row.id);
  }
  // Managers may be in the file (just written) or already in the directory.
  const idOf = new Map(db.select({ id: people.id, email: people.email }).from(people).all().map((p) => [p.email, p.id]));
  const setManager = sqlite.prepare('update people set manager_id = ? where id = ?');
  const setIdentity = sqlite.prepare(`insert into identities (person_id, platform, external_id) values (?, ?, ?)
    on conflict (person_id, platform) do update set external_id = excluded.external_id,
      dm_channel = case when external_id = excluded.external_id then dm_channel end`);
  for (const r of rows) {
    const personId = idByEmail.get(r.email)!;
    setManager.run(r.manager_email ? idOf.get(r.manager_email)! : null, personId);
    for (const [platform, externalId] of [['slack', r.slack_user_id], ['wecom', r.wecom_userid]] as const) {
      if (externalId) setIdentity.run(personId, platform, externalId);
    }
  }
  recomputeDepartmentLeaders(db);
  const created = rows.filter((r) => !existingEmails.has(r.email)).length;
  return { created, updated: rows.length - created, total: rows.length };
}
