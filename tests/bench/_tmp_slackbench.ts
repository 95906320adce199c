import { rmSync } from 'node:fs';
import { runSlack } from '/work/main/tests/bench/slack';
import { renderTable } from '/work/main/tests/bench/table';
import { tmpDir } from '/work/main/tests/bench/util';
const dir = tmpDir('slack-bench-');
const people = Number(process.argv[2] ?? 2000), rate = Number(process.argv[3] ?? 500);
runSlack(dir, { people, allowedPerSecond: rate, submissions: Math.min(1000, people), concurrency: 16 }).then((r) => { console.log(renderTable(r.rows)); r.notes.forEach((n) => console.log(n)); rmSync(dir, { recursive: true, force: true }); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
