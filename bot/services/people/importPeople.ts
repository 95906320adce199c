import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { identities, people } from '../../../db/schema';
import { isValidTimeZone } from '../../config';
import { importRefused, AppError, type LineProblem } from '../../errors';
import { ensureDepartments, recomputeDepartmentLeaders } from './departments';

export const PEOPLE_CSV_HEADER = [
  'employee_no', 'name', 'email', 'department', 'manager_email', 'job_function',
  'timezone', 'locale', 'slack_user_id', 'wecom_userid', 'role',
] as const;

const rowSchema = z.object({
  employee_no: z.string().trim().min(1, 'is required').max(64),
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().toLowerCase().pipe(z.email('is not a valid e-mail')),
  department: z.string().trim().min(1, 'is required').max(500),
  manager_email: z.string().trim().toLowerCase().pipe(z.union([z.literal(''), z.email('is not a valid e-mail')])),
  job_function: z.string().trim().max(64).regex(/^[a-z0-9_-]*$/, 'must be a lowercase slug such as rnd or sales'),
  timezone: z.string().trim().refine((v) => v === '' || isValidTimeZone(v), 'is not an IANA time zone'),
  locale: z.string().trim().pipe(z.enum(['', 'zh-CN', 'en'], 'must be zh-CN or en')),
  slack_user_id: z.string().trim().regex(/^([UW][A-Z0-9]{2,})?$/, 'must look like U0123ABCD'),
  wecom_userid: z.string().trim().regex(/^[A-Za-z0-9_.@-]{0,64}$/, 'must be 1-64 letters, digits or _ . @ -'),
  role: z.string().trim().pipe(z.enum(['', 'employee', 'manager', 'hr', 'admin'], 'must be employee, manager, hr or admin')),
});

type Row = z.infer<typeof rowSchema> & { line: number };

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
}

interface ImportDeps {
  db: Db;
  now: () => Date;
  defaults: { timezone: string; locale: 'zh-CN' | 'en' };
}

/** Imports people from CSV: all rows or none; re-importing an e-mail updates that person. */
export function importPeople(deps: ImportDeps, csv: string): ImportResult {
  const rows = parseRows(csv);
  const problems = validate(deps.db, rows);
  if (problems.length) throw importRefused(problems);
  return inTransaction(deps.db, () => write(deps, rows));
}

function parseRows(csv: string): Row[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    throw importRefused([{ line, message: `CSV could not be read: ${(err as Error).message}` }]);
  }
  if (records.length === 0) throw new AppError('import_empty', 'The CSV is empty.', { status: 422 });
  const header = records[0].map((h) => h.trim());
  if (header.join(',') !== PEOPLE_CSV_HEADER.join(',')) {
    throw importRefused([{ line: 1, message: `header must be exactly: ${PEOPLE_CSV_HEADER.join(',')}` }]);
  }
  const problems: LineProblem[] = [];
  const rows: Row[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== PEOPLE_CSV_HEADER.length) {
      problems.push({ line, message: `expected ${PEOPLE_CSV_HEADER.length} columns, found ${cells.length}` });
      return;
    }
    const parsed = rowSchema.safeParse(Object.fromEntries(PEOPLE_CSV_HEADER.map((h, j) => [h, cells[j]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: String(issue.path[0]), message: `${String(issue.path[0])} ${issue.message}` });
    } else rows.push({ ...parsed.data, line });
  });
  if (problems.length) throw importRefused(problems);
  if (rows.length === 0) throw new AppError('import_empty', 'The CSV has a header but no rows.', { status: 422 });
  return rows;
}

/** Cross-row checks: duplicates in the file, identities taken by others, unknown managers, manager cycles. */
function validate(db: Db, rows: Row[]): LineProblem[] {
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

function write(deps: ImportDeps, rows: Row[]): ImportResult {
  const { db } = deps;
  const at = deps.now().toISOString();
  const deptIds = ensureDepartments(db, rows.map((r) => r.department));
  const existingEmails = new Set(
    db.select({ email: people.email }).from(people).where(inArray(people.email, rows.map((r) => r.email))).all().map((p) => p.email),
  );
  const idByEmail = new Map<string, number>();
  for (const r of rows) {
    const values = {
      employeeNo: r.employee_no,
      name: r.name,
      email: r.email,
      departmentId: deptIds.get(r.department)!,
      jobFunction: r.job_function || 'general',
      timezone: r.timezone || deps.defaults.timezone,
      locale: r.locale || deps.defaults.locale,
      role: r.role || 'employee',
      active: true,
      updatedAt: at,
    } as const;
    const row = db
      .insert(people)
      .values({ ...values, createdAt: at })
      .onConflictDoUpdate({ target: people.email, set: values })
      .returning({ id: people.id })
      .get();
    idByEmail.set(r.email, row.id);
  }
  const managerIds = new Map(
    db.select({ id: people.id, email: people.email }).from(people)
      .where(inArray(people.email, [...new Set(rows.map((r) => r.manager_email).filter(Boolean))])).all()
      .map((p) => [p.email, p.id]),
  );
  for (const r of rows) {
    const personId = idByEmail.get(r.email)!;
    db.update(people).set({ managerId: r.manager_email ? managerIds.get(r.manager_email)! : null }).where(eq(people.id, personId)).run();
    for (const [platform, externalId] of [['slack', r.slack_user_id], ['wecom', r.wecom_userid]] as const) {
      if (!externalId) continue;
      db.insert(identities).values({ personId, platform, externalId })
        .onConflictDoUpdate({ target: [identities.personId, identities.platform], set: { externalId } }).run();
    }
  }
  recomputeDepartmentLeaders(db);
  const created = rows.filter((r) => !existingEmails.has(r.email)).length;
  return { created, updated: rows.length - created, total: rows.length };
}
