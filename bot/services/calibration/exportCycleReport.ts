import { csvTable } from '../exports/csvTable';
import { writeWorkbook, type CellValue, type SheetSpec } from '../exports/xlsxWorkbook';
import { t, type Locale } from '../../i18n';
import type { CycleReport, GradeGroup } from './cycleReport';

const col = (locale: Locale, key: string) => t(locale, `report.col.${key}`);

/** The people table: one row per review, before → after; what the CSV holds and the XLSX's first sheet. */
function peopleSheet(report: CycleReport, locale: Locale): SheetSpec {
  return {
    name: t(locale, 'report.sheet.people'),
    header: ['name', 'email', 'department', 'manager', 'before', 'after', 'changed'].map((k) => col(locale, k)),
    rows: report.people.map((p) => [p.name, p.email, p.department, p.manager, p.before, p.after, p.before === p.after ? '' : '✓']),
  };
}

function groupSheet(name: string, groups: GradeGroup[], report: CycleReport, locale: Locale, label: string): SheetSpec {
  const header = [col(locale, label), col(locale, 'n'), ...report.grades.map((g) => `${g} ${col(locale, 'before')}`), ...report.grades.map((g) => `${g} ${col(locale, 'after')}`)];
  const rows: CellValue[][] = [...groups, { ...report.total, name: col(locale, 'total') }].map((g) => [g.name, g.n, ...report.grades.map((k) => g.before[k]), ...report.grades.map((k) => g.after[k])]);
  return { name, header, rows };
}

/** CSV: the people table (the change list and the distributions are in the XLSX). */
export function cycleReportCsv(report: CycleReport, locale: Locale): string {
  const sheet = peopleSheet(report, locale);
  return csvTable(sheet.header, sheet.rows);
}

/** XLSX: people, the distribution per department and per manager (before/after), and the change list. */
export function cycleReportXlsx(report: CycleReport, locale: Locale): Promise<Buffer> {
  return writeWorkbook([
    peopleSheet(report, locale),
    groupSheet(t(locale, 'report.sheet.departments'), report.byDepartment, report, locale, 'department'),
    groupSheet(t(locale, 'report.sheet.managers'), report.byManager, report, locale, 'manager'),
    {
      name: t(locale, 'report.sheet.changes'),
      header: ['name', 'department', 'source', 'before', 'after', 'reason', 'override', 'actor', 'at'].map((k) => col(locale, k)),
      rows: report.changes.map((c) => [c.name, c.department, t(locale, `report.source.${c.source}`), c.before, c.after, c.reason, c.overrideReason, c.actor, c.at]),
    },
  ]);
}
