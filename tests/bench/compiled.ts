/**
 * The bench measures what `npm start` runs: its scenario processes (and the fan-out baseline's) run code bundled
 * ahead by esbuild with the server's own build options (bot/buildServer.ts), under plain `node` with the start
 * script's environment and flags (package.json: `MALLOC_MMAP_THRESHOLD_=… node --max-semi-space-size=… dist/server/main.js`), tuneHeap() applied as main.ts
 * does. The bundle goes to dist/bench-<pid>/ inside the project (its packages stay external, found in node_modules).
 * BENCH_COMPILED=0: the scenarios under tsx as before; BENCH_NODE_FLAGS="…": other flags (an A/B of the flags).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, startCommand } from '../../bot/buildServer';
import { HEAP_GROWING_PERCENT } from '../../bot/heapTuning';
import { fromRoot } from '../../db/projectRoot';

export interface CompiledBench {
  /** The bundled run.ts (a scenario process's entry) and childTask.ts (a bench task's). */
  runEntry: string;
  dir: string;
  nodeFlags: string[];
  /** The start script's environment (glibc's malloc settings), under what this process's environment already sets. */
  env: Record<string, string>;
  remove: () => void;
}

/** The Node flags the app runs with: the start script's, or BENCH_NODE_FLAGS for an A/B. */
export function appNodeFlags(): string[] {
  const given = process.env.BENCH_NODE_FLAGS;
  return given !== undefined ? given.split(/\s+/).filter(Boolean) : startCommand().nodeFlags;
}

/** The start script's environment assignments, each unless this process's environment sets it already (an A/B). */
export function appEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(startCommand().env).filter(([k]) => process.env[k] === undefined));
}

export const compiledWanted = () => process.env.BENCH_COMPILED !== '0';

/** Bundles the bench's scenario entry and task entry as the server is bundled. */
export async function buildBench(): Promise<CompiledBench> {
  const dir = fromRoot('dist', `bench-${process.pid}`);
  await buildServer(['tests/bench/run.ts', 'tests/bench/childTask.ts'], dir);
  return { runEntry: join(dir, 'run.js'), dir, nodeFlags: appNodeFlags(), env: appEnv(), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment line saying how the measured app ran. */
export function howTheAppRan(compiled: boolean): string {
  const startEnv = startCommand().env;
  const env = Object.keys(startEnv).map((k) => `${k}=${process.env[k] ?? startEnv[k]} `).join('');
  const flags = appNodeFlags().join(' ') || 'no flags';
  const heap = `--heap-growing-percent=${HEAP_GROWING_PERCENT} set at start (bot/heapTuning.ts)`;
  const clients = 'the bench\'s clients and fakes in processes of their own';
  return compiled
    ? `app: compiled ahead with esbuild (bot/buildServer.ts), run by plain ${env}node ${flags} as npm start runs it; ${heap}; ${clients}`
    : `app: under tsx (BENCH_COMPILED=0), node ${process.execArgv.join(' ')}; ${heap}; ${clients}`;
}
