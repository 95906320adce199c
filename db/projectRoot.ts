import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json), found once from where this module runs: db/ under tsx,
 * dist/server/ (or a chunk beside it) in the compiled start, a bench bundle's folder in dist/. Files the app reads
 * at run time (locales/, db/migrations/, the console's build, the WAL checkpoint worker) are resolved from it, so
 * the same paths hold whether the code runs from its sources or from a bundle.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: cannot find the project's folder`);
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `fromRoot('locales')`. */
export const fromRoot = (...parts: string[]): string => join(projectRoot, ...parts);
