import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../db/projectRoot';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

const root = fromRoot('locales');

/**
 * Chat strings: every JSON file of locales/<locale>/ except console.json (which the console bundles), merged.
 * Feature areas keep their own file (bot.json, slack.json, wecom.json, …); keys are namespaced ("standup.q1").
 */
function loadCatalog(locale: Locale): Record<string, string> {
  const dir = join(root, locale);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'console.json').sort();
  return Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>));
}

const catalogs: Record<Locale, Record<string, string>> = { en: loadCatalog('en'), 'zh-CN': loadCatalog('zh-CN') };

export function asLocale(value: string | null | undefined, fallback: Locale = 'zh-CN'): Locale {
  return value === 'en' || value === 'zh-CN' ? value : fallback;
}

export function hasMessage(key: string): boolean {
  return key in catalogs.en && key in catalogs['zh-CN'];
}

/** Looks up a chat string and fills {{placeholders}}; unknown keys and placeholders stay visible so tests catch them. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
