import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { isBlocker } from '../../domain/standupSchedule';
import type { StandupQuestion } from '../context';
import { csvTable } from '../exports/csvTable';
import type { CellValue, SheetSpec } from '../exports/xlsxWorkbook';

export interface LogEntry {
  week: string;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  dueDate: string;
  completedAt: string | null;
  late: boolean;
  /** enteredBy: e-mail of whoever typed the answer for the person (the chat simulator), or null. */
  /** blocker: a real answer (not 无/none…) to the question marked as the blocker question. */
  answers: { question: string; answer: string | null; skipped: boolean; late: boolean; editedAt: string | null; enteredBy: string | null; blocker: boolean }[];
}

/**
 * The progress log (进展日志): standup answers by week, for one person or everyone (optionally a department
 * and its sub-departments), for rounds whose standup day falls in [from, to]. Two queries, whatever the size.
 */
export function progressLog(db: Db, filter: { from: string; to: string; personId?: number; personIds?: number[] | null; departmentPath?: string; locale: 'zh-CN' | 'en' }): LogEntry[] {
  const dept = filter.departmentPath ?? null;
  const scope = filter.personIds ? JSON.stringify(filter.personIds) : null;
  const requests = db.all<{ id: number; week: string; questions: string; personId: number; name: string; email: string; department: string | null; dueDate: string; completedAt: string | null; late: number }>(sql`
    select r.id, d.period_key as week, coalesce(r.questions, d.questions) as questions, p.id as personId, p.name, p.email, dp.path as department, r.due_date as dueDate, r.completed_at as completedAt, r.late
    from standup_requests r join standup_rounds d on d.id = r.round_id join people p on p.id = r.person_id
    left join departments dp on dp.id = p.department_id
    where r.due_date >= ${filter.from} and r.due_date <= ${filter.to}
      and (${filter.personId ?? null} is null or p.id = ${filter.personId ?? null})
      and (${dept} is null or dp.path = ${dept} or dp.path like ${dept} || '/%')
      and (${scope} is null or p.id in (select value from json_each(${scope})))
    order by d.period_key, p.name`);
  if (requests.length === 0) return [];
  const answers = db.all<{ requestId: number; questionIndex: number; answer: string | null; skipped: number; late: number; editedAt: string | null; enteredBy: string | null }>(sql`
    select request_id as requestId, question_index as questionIndex, answer, skipped, late, edited_at as editedAt, entered_by as enteredBy from standup_answers
    where request_id in (select value from json_each(${JSON.stringify(requests.map((r) => r.id))}))`);
  const byRequest = new Map<number, typeof answers>();
  for (const a of answers) byRequest.set(a.requestId, [...(byRequest.get(a.requestId) ?? []), a]);
  return requests.map((r) => {
    const questions = JSON.parse(r.questions) as StandupQuestion[];
    const given = byRequest.get(r.id) ?? [];
    return {
      week: r.week, personId: r.personId, name: r.name, email: r.email, department: r.department, dueDate: r.dueDate, completedAt: r.completedAt, late: Boolean(r.late),
      answers: questions.map((q, i) => {
        const a = given.find((x) => x.questionIndex === i);
        const answer = a?.answer ?? null;
        return { question: q[filter.locale], answer, skipped: Boolean(a?.skipped), late: Boolean(a?.late), editedAt: a?.editedAt ?? null, enteredBy: a?.enteredBy ?? null, blocker: Boolean(q.blocker) && isBlocker(answer) };
      }),
    };
  });
}

/** The export's column headers, in the reader's language. */
export interface LogHeaders {
  week: string;
  name: string;
  email: string;
  department: string;
  status: string;
  onTime: string;
  late: string;
  missing: string;
  blocker: string;
  edited: string;
  yes: string;
  enteredBy: string;
}

/**
 * The log as a table, one row per person and week: week, name, e-mail, department, status, one column per question,
 * then whether a blocker was raised, whether an answer was edited, and who typed for the person. The CSV and the
 * XLSX export are this same table.
 */
export function progressLogTable(entries: LogEntry[], headers: LogHeaders): { header: string[]; rows: CellValue[][] } {
  const questions = entries[0]?.answers.map((a) => a.question) ?? [];
  const rows = entries.map((e) => [
    e.week, e.name, e.email, e.department ?? '', e.completedAt ? (e.late ? headers.late : headers.onTime) : headers.missing, ...e.answers.map((a) => a.answer ?? ''),
    e.answers.some((a) => a.blocker) ? headers.yes : '',
    e.answers.some((a) => a.editedAt) ? headers.yes : '',
    [...new Set(e.answers.flatMap((a) => (a.enteredBy ? [a.enteredBy] : [])))].join(' '),
  ]);
  return { header: [headers.week, headers.name, headers.email, headers.department, headers.status, ...questions, headers.blocker, headers.edited, headers.enteredBy], rows };
}

/** The log as CSV (UTF-8 with BOM; every text cell formula-neutralised by csvTable). */
export function progressLogCsv(entries: LogEntry[], headers: LogHeaders): string {
  const { header, rows } = progressLogTable(entries, headers);
  return csvTable(header, rows);
}

/** The log as one XLSX sheet (written by the shared writer, which neutralises every text cell). */
export function progressLogSheet(entries: LogEntry[], headers: LogHeaders, name: string): SheetSpec {
  const { header, rows } = progressLogTable(entries, headers);
  return { name, header, rows };
}
