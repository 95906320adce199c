import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The environment the process starts with: `.env` in the working directory (Node's own parser), under the real
 * environment, which wins key by key. A missing file is fine: every key has a default.
 */
export function environment(env: NodeJS.ProcessEnv = process.env, file = resolve('.env')): Record<string, string | undefined> {
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...env };
}
