/**
 * `npm run build:server`: the server bundled ahead with esbuild into dist/server/ (main.js and its chunks), so
 * `npm start` runs it with plain `node` — no TypeScript loader in the process (tsx's hooks thread and its own V8
 * isolate cost ~65 MB of RSS: docs/performance.md, perf-memory). Packages stay external (loaded from node_modules
 * as they are); the app's own `import()`s stay lazy as chunks of their own (code splitting), so the Slack and
 * WeCom plugins and the demo company load only when used (tests/integration/lazyModules.test.ts). Paths read at
 * run time are resolved from the project's folder (db/projectRoot.ts), which holds for the sources and the bundle.
 * The bench builds its scenario processes with the same options (tests/bench/compiled.ts).
 */
import { build, type BuildOptions } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../db/projectRoot';

export const SERVER_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
};

/** Bundles the entry points (paths from the project's folder) into `outdir`, emptied first. */
export async function buildServer(entryPoints: string[], outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({ ...SERVER_BUILD, absWorkingDir: fromRoot(), entryPoints, outdir });
}

/**
 * How `npm start` runs the build: the environment assignments, Node flags and entry of the last command of
 * package.json's start script (`MALLOC_MMAP_THRESHOLD_=1048576 node --max-semi-space-size=4 dist/server/main.js`).
 * The bench and the compiled-start test run with the same environment and flags.
 */
export function startCommand(): { env: Record<string, string>; nodeFlags: string[]; entry: string } {
  const scripts = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const m = /(?:^|&&\s*)((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node((?:\s+--\S+)*)\s+(\S+)\s*$/.exec(scripts.start ?? '');
  if (!m) throw new Error(`package.json's start script does not end with "[VAR=value …] node [--flags] <entry>": ${scripts.start}`);
  const env = Object.fromEntries(m[1].trim().split(/\s+/).filter(Boolean).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  return { env, nodeFlags: m[2].trim().split(/\s+/).filter(Boolean), entry: m[3] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildServer(['bot/main.ts'], fromRoot('dist', 'server'));
}
