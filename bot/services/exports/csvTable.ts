import { stringify } from 'csv-stringify/sync';
import { safeCell } from './safeCell';
import type { CellValue } from './xlsxWorkbook';

/**
 * A table as CSV for spreadsheets: UTF-8 with a BOM (Excel reads Chinese right), every text cell formula-neutralised
 * (safeCell), numbers as numbers. The report exports share it with the XLSX writer's table shape.
 */
export function csvTable(header: string[], rows: CellValue[][]): string {
  return stringify([header, ...rows.map((r) => r.map((v) => v ?? ''))], { bom: true, cast: { string: safeCell } });
}
