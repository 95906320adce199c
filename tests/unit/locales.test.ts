import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../locales');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every literal key passed to t(locale, 'key') in the server code exists in both locales. */
function keysUsedInCode(dir: string): string[] {
  return readdirSync(join(root, '..', dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .flatMap((e) => [...readFileSync(join(e.parentPath, e.name), 'utf8').matchAll(/\bt\([^,()]+,\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]));
}

describe('locales', () => {
  it('has every key the chat code uses', async () => {
    const { hasMessage } = await import('../../bot/i18n');
    const used = [...new Set(['bot', 'scheduler'].flatMap(keysUsedInCode))];
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((k) => !hasMessage(k))).toEqual([]);
  });

  const files = readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json'));

  it('has zh-CN and en with the same files', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(readdirSync(join(root, 'zh-CN')).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
  });

  it.each(files)('%s: same keys, same placeholders, nothing empty', (file) => {
    const en = JSON.parse(readFileSync(join(root, 'en', file), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(join(root, 'zh-CN', file), 'utf8')) as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(placeholders(zh[key]), `${file} ${key}`).toEqual(placeholders(en[key]));
      expect(en[key].trim(), `${file} en ${key}`).not.toBe('');
      expect(zh[key].trim(), `${file} zh-CN ${key}`).not.toBe('');
    }
  });
});
