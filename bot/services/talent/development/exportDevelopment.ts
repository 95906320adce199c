import { t as tc, type Locale } from '../../../i18n';
import { csvTable } from '../../exports/csvTable';
import { writeWorkbook, type SheetSpec } from '../../exports/xlsxWorkbook';
import type { MentorLoadRow } from '../mentors/mentorLoad';
import type { PathReport } from './pathReport';

const h = (locale: Locale, key: string) => tc(locale, `development.export.${key}`);

function pathSheets(report: PathReport, locale: Locale): SheetSpec[] {
  const cols = ['assigned', 'active', 'completed', 'cancelled', 'overdueMilestones', 'completion'].map((k) => h(locale, k));
  const nums = (f: PathReport['paths'][number] | PathReport['departments'][number]) => [f.assigned, f.active, f.completed, f.cancelled, f.overdueMilestones, f.completion];
  return [
    { name: h(locale, 'sheet.paths'), header: [h(locale, 'path'), h(locale, 'kind'), ...cols], rows: report.paths.map((p) => [p.name, p.kind, ...nums(p)]), formats: { 7: '0.0%' } },
    { name: h(locale, 'sheet.departments'), header: [h(locale, 'department'), h(locale, 'people'), ...cols], rows: report.departments.map((d) => [d.department, d.people, ...nums(d)]), formats: { 7: '0.0%' } },
  ];
}

function mentorSheet(rows: MentorLoadRow[], locale: Locale): SheetSpec {
  return {
    name: h(locale, 'sheet.mentors'),
    header: ['mentor', 'department', 'mentees', 'capacity', 'load', 'ended'].map((k) => h(locale, k)),
    rows: rows.map((r) => [r.name, r.department, r.mentees, r.capacity, r.load, r.ended]),
    formats: { 4: '0%' },
  };
}

/** The path-completion report as CSV (the per-path table) or XLSX (per path, per department). */
export const pathReportCsv = (report: PathReport, locale: Locale): string => {
  const [paths] = pathSheets(report, locale);
  return csvTable(paths.header, paths.rows);
};
export const pathReportXlsx = (report: PathReport, locale: Locale): Promise<Buffer> => writeWorkbook(pathSheets(report, locale));

/** Mentor load as CSV or XLSX. */
export const mentorLoadCsv = (rows: MentorLoadRow[], locale: Locale): string => {
  const s = mentorSheet(rows, locale);
  return csvTable(s.header, s.rows);
};
export const mentorLoadXlsx = (rows: MentorLoadRow[], locale: Locale): Promise<Buffer> => writeWorkbook([mentorSheet(rows, locale)]);
