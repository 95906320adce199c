import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultResult } from './record';

/** Vitest global setup for the fault suite: a results file for the scenarios, printed as one table at the end. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'perf-faults-'));
  const file = join(dir, 'results.jsonl');
  process.env.FAULT_RESULTS = file;
  return () => {
    let rows: FaultResult[] = [];
    try {
      rows = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as FaultResult);
    } catch {
      // no scenario ran
    }
    rmSync(dir, { recursive: true, force: true });
    const header = ['scenario', 'scale', 'runs', 'lost', 'doubled'];
    const lines = rows.map((r) => [r.scenario, r.scale, String(r.runs), String(r.lost), String(r.doubled)]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const row = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
    console.log(['', 'Fault suite', row(header), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...lines.map(row), ''].join('\n'));
  };
}
