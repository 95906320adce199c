import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npx tsx tests/bench/stallReport.ts <dir> [top]`: for a bench run with BENCH_TRACE_STALLS=<dir> under
 * `node --cpu-prof --cpu-prof-dir=<dir> --import tsx tests/bench/run.ts`, each recorded stall with what the CPU profile sampled in it: the
 * functions with the most self time and the innermost frames of our own code (bot/, tests/bench/) on the stacks.
 */
interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }
interface Stall { startUs: number; endUs: number; ms: number; phase: string }

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 6);
if (!dir) throw new Error('usage: stallReport.ts <dir> [top]');
const files = readdirSync(dir);

function label(f: CallFrame): string {
  const file = f.url.replace(/^.*\/(bot|tests|node_modules)\//, '$1/');
  return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
}

function ours(f: CallFrame): boolean {
  // the compiled bench's scenario processes run from dist/bench-<pid>/ (tests/bench/compiled.ts)
  return /\/(bot|tests\/bench|dist\/bench-\d+)\//.test(f.url) && !f.url.includes('node_modules');
}

for (const name of files.filter((f) => /^stalls-\d+\.json$/.test(f))) {
  const trace = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { pid: number; child: string; stalls: Stall[] };
  console.log(`\n== ${trace.child} (pid ${trace.pid}): ${trace.stalls.length} stalls`);
  if (trace.stalls.length === 0) continue;
  const profFile = files.find((f) => f.endsWith('.cpuprofile') && f.includes(`.${trace.pid}.0.`));
  const prof = profFile ? (JSON.parse(readFileSync(join(dir, profFile), 'utf8')) as Profile) : undefined;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  const times: number[] = [];
  if (prof) {
    for (const n of prof.nodes) {
      byId.set(n.id, n);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    let t = prof.startTime;
    for (const d of prof.timeDeltas) times.push((t += d));
  }
  const summary = new Map<string, { stalls: number; maxMs: number; maxSamples: number }>();
  for (const s of trace.stalls) {
    console.log(`- ${s.ms} ms in "${s.phase}"`);
    if (!prof) continue;
    const self = new Map<string, number>();
    const inner = new Map<string, number>();
    let n = 0;
    for (let i = 0; i < prof.samples.length; i++) {
      if (times[i] < s.startUs || times[i] > s.endUs) continue;
      n++;
      const leaf = byId.get(prof.samples[i])!;
      self.set(label(leaf.callFrame), (self.get(label(leaf.callFrame)) ?? 0) + 1);
      // the innermost three frames of our own code, outermost last
      const chain: string[] = [];
      for (let id: number | undefined = leaf.id; id !== undefined && chain.length < 3; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (ours(f)) chain.push(label(f));
      }
      const key = chain.join(' < ') || '(no frame of ours)';
      inner.set(key, (inner.get(key) ?? 0) + 1);
    }
    // the stall counted under the outermost-but-two frame of ours that most of its samples were in
    const [where] = [...inner].sort((a, b) => b[1] - a[1])[0] ?? ['(no samples)'];
    const key = where.split(' < ').at(-1)!;
    const sum = summary.get(key) ?? { stalls: 0, maxMs: 0, maxSamples: 0 };
    summary.set(key, { stalls: sum.stalls + 1, maxMs: Math.max(sum.maxMs, s.ms), maxSamples: Math.max(sum.maxSamples, n) });
    const fmt = (m: Map<string, number>) =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `      ${v} ${k}`).join('\n');
    console.log(`    ${n} samples; self:\n${fmt(self)}\n    our frames:\n${fmt(inner)}`);
  }
  if (summary.size) {
    console.log(`  summary (stalls, longest, most samples in one) by where most samples fell:`);
    for (const [k, v] of [...summary].sort((a, b) => b[1].maxSamples - a[1].maxSamples)) console.log(`    ${v.stalls} × up to ${v.maxMs} ms, ${v.maxSamples} samples: ${k}`);
  }
}
