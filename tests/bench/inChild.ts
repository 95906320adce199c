import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../db/projectRoot';

/** The bench's own work that runs in a process of its own, by name (see childTask.ts). */
export type ChildTaskName = 'fanoutBaseline';

/**
 * Runs one of the bench's own tasks (a baseline) in a separate process with this process's Node flags, and returns
 * its JSON result: in a compiled scenario process (BENCH_BUNDLE_DIR, compiled.ts) the bundled childTask.js under
 * plain node with the app's flags, so the baseline runs as the app does; otherwise childTask.ts under tsx. A baseline measured in the scenario's process would leave its heap, its SQLite file's
 * pages and its rows behind in the figure the scenario reports as its own peak RSS.
 */
export async function inChild<T>(task: ChildTaskName, args: unknown, resultFile: string): Promise<T> {
  const bundle = process.env.BENCH_BUNDLE_DIR;
  const entry = bundle ? join(bundle, 'childTask.js') : fromRoot('tests', 'bench', 'childTask.ts');
  const child = spawn(process.execPath, [...process.execArgv, entry], {
    env: { ...process.env, BENCH_TASK: task, BENCH_TASK_ARGS: JSON.stringify(args), BENCH_TASK_RESULT: resultFile },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`bench task ${task} failed (exit ${code})`);
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(resultFile, { force: true });
  }
}
