/** Entry of a bench task run by inChild(): reads its name and arguments from the environment, writes its result as JSON. */
import { writeFileSync } from 'node:fs';
import { tuneHeap } from '../../bot/heapTuning';
import { baselineInsertTask } from './fanout';
import type { ChildTaskName } from './inChild';

const tasks: Record<ChildTaskName, (args: never) => Promise<unknown>> = {
  fanoutBaseline: baselineInsertTask,
};

const name = process.env.BENCH_TASK as ChildTaskName;
const run = tasks[name];
if (!run) {
  process.stderr.write(`unknown bench task ${name}\n`);
  process.exit(2);
}
tuneHeap(); // as the scenario processes do
try {
  writeFileSync(process.env.BENCH_TASK_RESULT!, JSON.stringify(await run(JSON.parse(process.env.BENCH_TASK_ARGS ?? 'null') as never)));
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
