import { rmSync } from 'node:fs';
import { renderTable } from './table';
import { tmpDir } from './util';
import { runWecom } from './wecom';
const dir = tmpDir('perf-wbench-');
const r = await runWecom(dir, { people: Number(process.env.N ?? 10_000), callbacks: Number(process.env.C ?? 3000), warmup: 50, concurrency: 16 });
rmSync(dir, { recursive: true, force: true });
console.log(renderTable(r.rows)); for (const n of r.notes) console.log('note:', n);
process.exit(0);
