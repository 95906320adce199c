import { t, type Locale } from '../../../i18n';
import { csvTable } from '../../exports/csvTable';
import { writeWorkbook, type CellValue, type SheetSpec } from '../../exports/xlsxWorkbook';
import type { PoolReport } from './poolReport';

const col = (locale: Locale, key: string) => t(locale, `talentPools.col.${key}`);

/** One row per pool: size, pending proposals, members keeping a high rating. What the CSV holds; the XLSX's first sheet. */
function poolsSheet(report: PoolReport, locale: Locale): SheetSpec {
  return {
    name: t(locale, 'talentPools.sheet.pools'),
    header: ['pool', 'size', 'proposed', 'eligible', 'kept', 'keepShare'].map((k) => col(locale, k)),
    rows: report.pools.map((p) => [p.name, p.size, p.proposed, p.keep.eligible, p.keep.kept, p.keep.share]),
    formats: { 5: '0.0%' },
  };
}

/** CSV: the pools table (flows and departments are in the XLSX). */
export function poolReportCsv(report: PoolReport, locale: Locale): string {
  const sheet = poolsSheet(report, locale);
  return csvTable(sheet.header, sheet.rows);
}

/** XLSX: pools, the flow in/out per cycle, members by department (groups under the minimum hidden). */
export function poolReportXlsx(report: PoolReport, locale: Locale): Promise<Buffer> {
  const before = t(locale, 'talentPools.beforeCycles');
  const flow: CellValue[][] = report.pools.flatMap((p) => p.flow.map((f) => [p.name, f.cycle ?? before, f.proposed, f.in, f.declined, f.out]));
  const departments: CellValue[][] = report.pools.flatMap((p) => [
    ...p.departments.map((d): CellValue[] => [p.name, d.department, d.members, d.keep.share]),
    ...(p.hiddenMembers > 0 ? [[p.name, t(locale, 'talentPools.hiddenGroups', { n: report.minGroup }), p.hiddenMembers, null]] : []),
  ]);
  return writeWorkbook([
    poolsSheet(report, locale),
    { name: t(locale, 'talentPools.sheet.flow'), header: ['pool', 'cycle', 'proposed', 'in', 'declined', 'out'].map((k) => col(locale, k)), rows: flow },
    { name: t(locale, 'talentPools.sheet.departments'), header: ['pool', 'department', 'members', 'keepShare'].map((k) => col(locale, k)), rows: departments, formats: { 3: '0.0%' } },
  ]);
}
