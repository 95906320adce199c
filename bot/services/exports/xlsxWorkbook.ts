import { safeCell } from './safeCell';

/** A value of one cell: text (formula-neutralised), a number, or empty. */
export type CellValue = string | number | null;

/** One sheet of an export: a header row (bold, frozen) and the data rows below it. */
export interface SheetSpec {
  name: string;
  header: string[];
  rows: CellValue[][];
  /** Column widths in characters; by default from the longest value (10–60). */
  widths?: number[];
  /** Number formats by column index (e.g. `0.0%` for a rate). */
  formats?: Record<number, string>;
}

/** Excel refuses sheet names over 31 characters and with : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';

const cell = (value: CellValue): string | number | null => (value === '' ? null : typeof value === 'string' ? safeCell(value) : value);

/**
 * The one XLSX writer of every export (progress log, the HR cycle report, report data): exceljs builds the workbook,
 * every text cell goes through safeCell (OWASP's formula-injection rule, as in the CSV exports) and is written as a
 * string, never a formula; numbers stay numbers. Resolves to the .xlsx bytes. exceljs (~15 MB once loaded) is loaded by
 * the first export, not at start.
 */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'perf-bot';
  book.created = new Date(0); // the same data gives the same bytes
  const used = new Set<string>();
  for (const spec of sheets) {
    let name = sheetName(spec.name);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${sheetName(spec.name).slice(0, 28)} ${i}`;
    used.add(name.toLowerCase());
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(spec.header.map(cell)).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row.map(cell));
    spec.header.forEach((h, i) => {
      const column = sheet.getColumn(i + 1);
      const longest = Math.max(h.length, ...spec.rows.map((r) => String(r[i] ?? '').length));
      column.width = spec.widths?.[i] ?? Math.min(60, Math.max(10, longest + 2));
      if (spec.formats?.[i]) column.numFmt = spec.formats[i];
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
