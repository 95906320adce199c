import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isValidTimeZone } from '../../config';
import { importRefused, AppError, type LineProblem } from '../../errors';
import { forEachCsvRecordInSlices } from '../imports/csvInSlices';

export const PEOPLE_CSV_HEADER = [
  'employee_no', 'name', 'email', 'department', 'manager_email', 'job_function',
  'timezone', 'locale', 'slack_user_id', 'wecom_userid', 'role',
] as const;

/**
 * zod's own e-mail pattern (what z.email() checks), as a check of the trimmed, lower-cased string rather than a pipe
 * into a second schema: the 10,000-person import checks 20,000 e-mails, each pipe a schema run more, and the manager's
 * union of '' and an e-mail tried the empty literal first and failed it, with an issue made, for every row with a
 * manager. The messages are the same.
 */
const EMAIL = z.regexes.email;

/**
 * Whether Intl knows the zone, without a formatter for the zones Intl lists: the first DateTimeFormat of a process
 * loads ICU's locale data (~25 ms in a fresh process), which a first import paid to check three zone names; the list
 * is ~2 ms. A name not in it (an alias such as UTC, another case) is asked of isValidTimeZone, the same answer as before.
 */
let listedZones: ReadonlySet<string> | undefined;
const knownZone = (tz: string): boolean => (listedZones ??= new Set(Intl.supportedValuesOf('timeZone'))).has(tz) || isValidTimeZone(tz);

/** Each column's check, run cell by cell (the messages name the column: "email is not a valid e-mail"). */
const COLUMNS = {
  employee_no: z.string().trim().min(1, 'is required').max(64),
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().toLowerCase().regex(EMAIL, 'is not a valid e-mail'),
  department: z.string().trim().min(1, 'is required').max(500),
  manager_email: z.string().trim().toLowerCase().refine((v) => v === '' || EMAIL.test(v), 'is not a valid e-mail'),
  job_function: z.string().trim().max(64).regex(/^[a-z0-9_-]*$/, 'must be a lowercase slug such as rnd or sales'),
  timezone: z.string().trim().refine((v) => v === '' || knownZone(v), 'is not an IANA time zone'),
  locale: z.string().trim().pipe(z.enum(['', 'zh-CN', 'en'], 'must be zh-CN or en')),
  slack_user_id: z.string().trim().regex(/^([UW][A-Z0-9]{2,})?$/, 'must look like U0123ABCD'),
  wecom_userid: z.string().trim().regex(/^[A-Za-z0-9_.@-]{0,64}$/, 'must be 1-64 letters, digits or _ . @ -'),
  role: z.string().trim().pipe(z.enum(['', 'employee', 'manager', 'hr', 'admin'], 'must be employee, manager, hr or admin')),
} satisfies Record<(typeof PEOPLE_CSV_HEADER)[number], z.ZodType<string, string>>;

type Column = keyof typeof COLUMNS;
export type PersonRow = { [K in Column]: z.output<(typeof COLUMNS)[K]> } & { line: number };

/**
 * The columns whose values repeat from row to row (a company has far fewer departments, managers, time zones, roles
 * than people; a chat id is often empty): a value already checked in the same file is not checked again. The
 * 10,000-person import checked 110,000 cells with zod, 30–45 µs a row while zod's code was still cold (most of the
 * rows of a first import after a start); with these remembered it checks ~32,000. At most MEMO_MAX values per column
 * are remembered (a column of unique chat ids stops filling its map there).
 */
const REPEATING: ReadonlySet<Column> = new Set<Column>(['department', 'manager_email', 'job_function', 'timezone', 'locale', 'role', 'slack_user_id', 'wecom_userid']);
const MEMO_MAX = 4096;

type Checked = z.ZodSafeParseResult<string>;

/** A column's check of one cell: zod's result, remembered by the cell's text for the repeating columns. */
function cellCheck(column: Column): (cell: string) => Checked {
  const schema: z.ZodType<string, string> = COLUMNS[column];
  if (!REPEATING.has(column)) return (cell) => schema.safeParse(cell);
  const seen = new Map<string, Checked>();
  return (cell) => {
    let checked = seen.get(cell);
    if (checked === undefined) {
      checked = schema.safeParse(cell);
      if (seen.size < MEMO_MAX) seen.set(cell, checked);
    }
    return checked;
  };
}

const PARSE_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false } as const;

/** Reads a people CSV at once (start-up seed, benchmarks): rows with their line numbers, or every problem by line. */
export function readPeopleCsv(csv: string): PersonRow[] {
  let records: string[][];
  try {
    records = parse(csv, PARSE_OPTIONS);
  } catch (err) {
    throw unreadable(err);
  }
  if (records.length === 0) throw new AppError('import_empty', 'The CSV is empty.', { status: 422 });
  const checked = checker(records[0]);
  records.slice(1).forEach((cells, i) => checked.row(cells, i));
  return checked.result();
}

/** The same for an upload: parsed and checked in slices, so a big file never holds the event loop for long. */
export async function readPeopleCsvInSlices(csv: string): Promise<PersonRow[]> {
  return (await checkedInSlices(csv)).result();
}

/**
 * For a preview: the well-formed rows and the problems of the others, both (an unreadable file or a wrong header
 * still throws: there are no rows to show).
 */
export async function readPeopleCsvForPreview(csv: string): Promise<{ rows: PersonRow[]; problems: LineProblem[] }> {
  return (await checkedInSlices(csv)).partial();
}

/**
 * The file parsed in slices and each record checked as the parser gives it (zod per row), in the same slices: only the
 * checked rows are kept, never every record's cells (at 10,000 rows those lived until the check and each
 * young-generation collection copied them; at 100,000 they were ~50 MB of heap).
 */
async function checkedInSlices(csv: string) {
  let checked: ReturnType<typeof checker> | undefined;
  let index = 0;
  try {
    await forEachCsvRecordInSlices(csv, PARSE_OPTIONS, (cells) => {
      if (checked) checked.row(cells, index++);
      else checked = checker(cells);
    });
  } catch (err) {
    throw err instanceof AppError ? err : unreadable(err);
  }
  if (!checked) throw new AppError('import_empty', 'The CSV is empty.', { status: 422 });
  return checked;
}

function unreadable(err: unknown): AppError {
  const line = (err as { lines?: number }).lines ?? 1;
  return importRefused([{ line, message: `CSV could not be read: ${(err as Error).message}` }]);
}

/** Header check (the file's first record), then each row against the schema, collecting every problem by line (the header is line 1). */
function checker(first: string[]) {
  const header = first.map((h) => h.trim());
  if (header.join(',') !== PEOPLE_CSV_HEADER.join(',')) {
    throw importRefused([{ line: 1, message: `header must be exactly: ${PEOPLE_CSV_HEADER.join(',')}` }]);
  }
  const problems: LineProblem[] = [];
  const rows: PersonRow[] = [];
  const checks = PEOPLE_CSV_HEADER.map(cellCheck);
  const values: string[] = new Array<string>(PEOPLE_CSV_HEADER.length);
  return {
    row(cells: string[], i: number) {
      const line = i + 2;
      if (cells.length !== PEOPLE_CSV_HEADER.length) {
        problems.push({ line, message: `expected ${PEOPLE_CSV_HEADER.length} columns, found ${cells.length}` });
        return;
      }
      // each cell checked by its column (in the header's order, so a row's problems come in the same order), the
      // row built as one object literal of the checked values
      let bad = false;
      for (let j = 0; j < checks.length; j++) {
        const checked = checks[j](cells[j]);
        if (checked.success) values[j] = checked.data;
        else {
          bad = true;
          const field = PEOPLE_CSV_HEADER[j];
          for (const issue of checked.error.issues) problems.push({ line, field, message: `${field} ${issue.message}` });
        }
      }
      if (!bad) rows.push(personRow(values, line));
    },
    result(): PersonRow[] {
      if (problems.length) throw importRefused(problems);
      if (rows.length === 0) throw new AppError('import_empty', 'The CSV has a header but no rows.', { status: 422 });
      return rows;
    },
    partial() {
      if (rows.length === 0 && problems.length === 0) throw new AppError('import_empty', 'The CSV has a header but no rows.', { status: 422 });
      return { rows, problems };
    },
  };
}

/** The checked values of a row (in the header's order) as its PersonRow: one object literal, the same shape for every row. */
function personRow(v: string[], line: number): PersonRow {
  return {
    employee_no: v[0], name: v[1], email: v[2], department: v[3], manager_email: v[4], job_function: v[5], timezone: v[6],
    locale: v[7] as PersonRow['locale'], slack_user_id: v[8], wecom_userid: v[9], role: v[10] as PersonRow['role'], line,
  };
}
