import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(join(root, path)).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)].map((m) => relative(root, join(root, file, '..', m[1])));
}

/** Imports point one way (DESIGN.md): domain imports nothing of ours, the core imports no adapter, adapters not each other. */
describe('import direction', () => {
  it('bot/domain imports only bot/domain', () => {
    for (const file of sources('bot/domain')) for (const imp of relativeImports(file)) expect(imp, file).toMatch(/^bot\/domain\//);
  });

  it('db imports only db (and domain types); the demo seed also drives the real use cases', () => {
    for (const file of sources('db')) {
      const allowed = file.startsWith('db/seed/') ? /^(db|bot\/domain|bot\/services)\// : /^(db|bot\/domain)\//;
      for (const imp of relativeImports(file)) expect(imp, file).toMatch(allowed);
    }
  });

  it('an adapter never imports another adapter, the HTTP layer or the console', () => {
    for (const file of sources('bot/platform')) {
      const own = file.split('/').slice(0, 3).join('/');
      for (const imp of relativeImports(file)) {
        if (imp.startsWith('bot/platform/') && !imp.startsWith(own)) expect(imp, file).toMatch(/^bot\/platform\/(port|plugin|routing|keepAliveFetch)$/); // keepAliveFetch: the shared HTTP transport of the platform clients
        expect(imp, file).not.toMatch(/^(bot\/http|admin\/|scheduler\/)/);
      }
    }
  });

  it('services, conversations and scheduler never import an adapter, the HTTP layer or the console', () => {
    for (const file of [...sources('bot/services'), ...sources('bot/conversations'), ...sources('scheduler')]) {
      for (const imp of relativeImports(file)) expect(imp, file).not.toMatch(/^(bot\/platform\/(?!port)|bot\/http|admin\/)/);
    }
  });
});
