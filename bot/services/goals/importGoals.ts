import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { departments, goals, people } from '../../../db/schema';
import { AppError, importRefused, type LineProblem } from '../../errors';
import { saveGoalRow, type GoalFields } from './saveGoal';

export const GOALS_CSV_HEADER = [
  'ref', 'parent_ref', 'level', 'title', 'owner_email', 'department', 'unit', 'start_value', 'target_value',
  'weight', 'period_start', 'period_end', 'checkin_every_days',
] as const;
/** An optional last column: the metric key a key result follows (empty: none). */
const METRIC_COLUMN = 'metric';

const num = () => z.string().trim().min(1, 'is required').transform(Number).pipe(z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be a number'));
const date = z.string().trim().pipe(z.iso.date('must be a date YYYY-MM-DD'));

const rowSchema = z.object({
  ref: z.string().trim().min(1, 'is required').max(100),
  parent_ref: z.string().trim().max(100),
  level: z.string().trim().pipe(z.enum(['company', 'department', 'team', 'individual'], 'must be company, department, team or individual')),
  title: z.string().trim().min(1, 'is required').max(300),
  owner_email: z.string().trim().toLowerCase().pipe(z.email('is not a valid e-mail')),
  department: z.string().trim().max(500),
  unit: z.string().trim().max(40),
  start_value: num(),
  target_value: num(),
  weight: z.string().trim().transform((v) => (v === '' ? 1 : Number(v))).pipe(z.number({ message: 'must be a number' }).min(0, 'must be 0 or more')),
  period_start: date,
  period_end: date,
  checkin_every_days: z.string().trim().transform((v) => (v === '' ? 14 : Number(v))).pipe(z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(365)),
  metric: z.string().trim().max(64).optional().transform((v) => (v === undefined ? undefined : v || null)),
});

type Row = z.infer<typeof rowSchema> & { line: number };

/** Imports a quarter's goals from CSV: all rows or none, errors by line; re-importing a ref updates that goal. */
export function importGoals(deps: { db: Db; now: () => Date; timezone: string }, csv: string, actor: string): { created: number; updated: number; total: number } {
  const rows = parseRows(csv);
  const { problems, ownerIds, departmentIds } = validate(deps.db, rows);
  if (problems.length) throw importRefused(problems);
  return inTransaction(deps.db, () => {
    const existing = deps.db.select({ id: goals.id, ref: goals.ref, metricKey: goals.metricKey }).from(goals).all();
    const idByRef = new Map(existing.map((g) => [g.ref, g.id]));
    // a file without the metric column keeps the bindings goals have
    const metricByRef = new Map(existing.map((g) => [g.ref, g.metricKey]));
    let created = 0;
    // Parents first, so every parent_ref resolves to an id.
    for (const r of orderParentsFirst(rows)) {
      const fields: GoalFields = {
        parentId: r.parent_ref ? idByRef.get(r.parent_ref)! : null,
        level: r.level, title: r.title, ownerId: ownerIds.get(r.owner_email)!,
        departmentId: r.department ? departmentIds.get(r.department)! : null,
        unit: r.unit, startValue: r.start_value, targetValue: r.target_value, weight: r.weight,
        periodStart: r.period_start, periodEnd: r.period_end, checkinEveryDays: r.checkin_every_days,
        metricKey: r.metric === undefined ? (metricByRef.get(r.ref) ?? null) : r.metric,
      };
      const existed = idByRef.get(r.ref);
      const saved = saveGoalRow(deps, { ref: r.ref, fields, id: existed, actor, reason: 'import' });
      idByRef.set(r.ref, saved.id);
      if (existed === undefined) created++;
    }
    return { created, updated: rows.length - created, total: rows.length };
  });
}

function parseRows(csv: string): Row[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    throw importRefused([{ line: (err as { lines?: number }).lines ?? 1, message: `CSV could not be read: ${(err as Error).message}` }]);
  }
  if (records.length < 2) throw new AppError('import_empty', 'The CSV has no goals.', { status: 422 });
  const header = records[0].map((h) => h.trim()).join(',');
  const columns: string[] = header === [...GOALS_CSV_HEADER, METRIC_COLUMN].join(',') ? [...GOALS_CSV_HEADER, METRIC_COLUMN] : [...GOALS_CSV_HEADER];
  if (header !== columns.join(',')) {
    throw importRefused([{ line: 1, message: `header must be exactly: ${GOALS_CSV_HEADER.join(',')} (optionally followed by ,${METRIC_COLUMN})` }]);
  }
  const problems: LineProblem[] = [];
  const rows: Row[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== columns.length) return void problems.push({ line, message: `expected ${columns.length} columns, found ${cells.length}` });
    const parsed = rowSchema.safeParse(Object.fromEntries(columns.map((h, j) => [h, cells[j]])));
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ line, field: String(issue.path[0]), message: `${String(issue.path[0])} ${issue.message}` });
    else rows.push({ ...parsed.data, line });
  });
  if (problems.length) throw importRefused(problems);
  return rows;
}

function validate(db: Db, rows: Row[]) {
  const problems: LineProblem[] = [];
  const owners = new Map(db.select({ id: people.id, email: people.email }).from(people).where(eq(people.active, true)).all().map((p) => [p.email, p.id]));
  const depts = new Map(db.select({ id: departments.id, path: departments.path }).from(departments).all().map((d) => [d.path, d.id]));
  const metrics = new Set(db.$client.prepare<[], { key: string }>('select key from metric_definitions').all().map((m) => m.key));
  const existingRefs = new Map(db.select({ ref: goals.ref, parentId: goals.parentId, id: goals.id }).from(goals).all().map((g) => [g.ref, g]));
  const fileRefs = new Map<string, number>();
  const allFileRefs = new Set(rows.map((r) => r.ref));
  for (const r of rows) {
    const prior = fileRefs.get(r.ref);
    if (prior !== undefined) problems.push({ line: r.line, field: 'ref', message: `ref "${r.ref}" also appears on line ${prior}` });
    else fileRefs.set(r.ref, r.line);
    if (!owners.has(r.owner_email)) problems.push({ line: r.line, field: 'owner_email', message: `owner_email "${r.owner_email}" is not an active person in the directory` });
    if (r.department && !depts.has(r.department)) problems.push({ line: r.line, field: 'department', message: `department "${r.department}" does not exist` });
    if (r.metric && !metrics.has(r.metric)) problems.push({ line: r.line, field: 'metric', message: `metric "${r.metric}" is not in the catalogue` });
    else if (r.metric && r.level !== 'individual') problems.push({ line: r.line, field: 'metric', message: 'only an individual goal (a key result) can follow a metric' });
    if (r.target_value === r.start_value) problems.push({ line: r.line, field: 'target_value', message: 'target_value must differ from start_value' });
    if (r.period_end <= r.period_start) problems.push({ line: r.line, field: 'period_end', message: 'period_end must be after period_start' });
    if (r.parent_ref === r.ref) problems.push({ line: r.line, field: 'parent_ref', message: 'a goal cannot be its own parent' });
    else if (r.parent_ref && !allFileRefs.has(r.parent_ref) && !existingRefs.has(r.parent_ref)) {
      problems.push({ line: r.line, field: 'parent_ref', message: `parent_ref "${r.parent_ref}" is not in this file or among existing goals` });
    }
  }
  // The parent graph after the import must have no cycles.
  const refById = new Map([...existingRefs].map(([ref, g]) => [g.id, ref]));
  const parentOf = new Map<string, string>();
  for (const [ref, g] of existingRefs) if (g.parentId != null) parentOf.set(ref, refById.get(g.parentId)!);
  for (const r of rows) r.parent_ref ? parentOf.set(r.ref, r.parent_ref) : parentOf.delete(r.ref);
  for (const r of rows) {
    const seen = new Set([r.ref]);
    for (let p = parentOf.get(r.ref); p; p = parentOf.get(p)) {
      if (seen.has(p)) {
        problems.push({ line: r.line, field: 'parent_ref', message: `parent_ref makes a cycle (${[...seen, p].join(' → ')})` });
        break;
      }
      seen.add(p);
    }
  }
  return { problems: problems.sort((a, b) => a.line - b.line), ownerIds: owners, departmentIds: depts };
}

function orderParentsFirst(rows: Row[]): Row[] {
  const byRef = new Map(rows.map((r) => [r.ref, r]));
  const done = new Set<string>();
  const out: Row[] = [];
  const visit = (r: Row) => {
    if (done.has(r.ref)) return;
    done.add(r.ref);
    const parent = byRef.get(r.parent_ref);
    if (parent) visit(parent);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}
