/** One line of the result table: every result has a baseline measured in the same run. */
export interface Row {
  scenario: string;
  metric: string;
  result: string;
  baseline: string;
  ratio: string;
}

const HEADERS: Row = { scenario: 'scenario', metric: 'metric', result: 'result', baseline: 'baseline', ratio: 'ratio' };
const COLUMNS = ['scenario', 'metric', 'result', 'baseline', 'ratio'] as const;
const RIGHT = new Set<keyof Row>(['result', 'baseline', 'ratio']);

/** Plain-text table with aligned columns; numeric columns are right-aligned. */
export function renderTable(rows: Row[]): string {
  const all = [HEADERS, ...rows];
  const width = Object.fromEntries(COLUMNS.map((c) => [c, Math.max(...all.map((r) => r[c].length))])) as Record<keyof Row, number>;
  const line = (r: Row) =>
    COLUMNS.map((c) => (RIGHT.has(c) ? r[c].padStart(width[c]) : r[c].padEnd(width[c]))).join(' | ').trimEnd();
  const rule = COLUMNS.map((c) => '-'.repeat(width[c])).join('-+-');
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
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

/** A row whose result and baseline are numbers in the same unit. */
export function numRow(scenario: string, metric: string, result: number, baseline: number, fmt: (n: number) => string): Row {
  return { scenario, metric, result: fmt(result), baseline: fmt(baseline), ratio: ratio(result, baseline) };
}
