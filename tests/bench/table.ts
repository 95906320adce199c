/** One line of the result table: every result has a baseline measured in the same run. */
export interface Row {
  scenario: string;
  metric: string;
  result: string;
  baseline: string;
  ratio: string;
  /**
   * The longest event-loop stall while the row's work ran (monitorEventLoopDelay). Rows that do not measure their own
   * get the scenario's (run.ts, marked "*": the whole scenario, its setup included).
   */
  stall?: string;
}

type Column = keyof Row;
const HEADERS: Required<Row> = { scenario: 'scenario', metric: 'metric', result: 'result', baseline: 'baseline', ratio: 'ratio', stall: 'longest stall' };
const COLUMNS: Column[] = ['scenario', 'metric', 'result', 'baseline', 'ratio', 'stall'];
const RIGHT = new Set<Column>(['result', 'baseline', 'ratio', 'stall']);

/** Plain-text table with aligned columns; numeric columns are right-aligned. */
export function renderTable(rows: Row[]): string {
  const all: Required<Row>[] = [HEADERS, ...rows.map((r) => ({ ...r, stall: r.stall ?? '-' }))];
  const width = Object.fromEntries(COLUMNS.map((c) => [c, Math.max(...all.map((r) => r[c].length))])) as Record<Column, number>;
  const line = (r: Required<Row>) =>
    COLUMNS.map((c) => (RIGHT.has(c) ? r[c].padStart(width[c]) : r[c].padEnd(width[c]))).join(' | ').trimEnd();
  const rule = COLUMNS.map((c) => '-'.repeat(width[c])).join('-+-');
  return [line(HEADERS), rule, ...all.slice(1).map(line)].join('\n');
}

/** result ÷ baseline, e.g. "3.42x". */
export function ratio(result: number, baseline: number): string {
  if (!Number.isFinite(result) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  const r = result / baseline;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : fmtInt(n)} ms`;
export const perSec = (n: number, unit: string): string => `${fmtInt(n)} ${unit}/s`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A row whose result and baseline are numbers in the same unit; `stallMs`: the longest stall while it was measured. */
export function numRow(scenario: string, metric: string, result: number, baseline: number, fmt: (n: number) => string, stallMs?: number): Row {
  return { scenario, metric, result: fmt(result), baseline: fmt(baseline), ratio: ratio(result, baseline), ...(stallMs === undefined ? {} : { stall: ms(stallMs) }) };
}

/** Rows without their own stall figure get the scenario's, marked "*" (see Row.stall). */
export function withScenarioStall(rows: Row[], stallMs: number): Row[] {
  return rows.map((r) => (r.stall === undefined ? { ...r, stall: `${ms(stallMs)}*` } : r));
}
