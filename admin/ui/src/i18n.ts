import { signal } from '@preact/signals';
import en from '../../../locales/en/console.json';
import zhCN from '../../../locales/zh-CN/console.json';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'console.locale';

const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, en };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // localStorage can be unavailable (privacy mode); fall back to the default.
  }
  return DEFAULT_LOCALE;
}

export const locale = signal<Locale>(readStoredLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still applies for this page view.
  }
}

/** Translate `key` in the current locale, filling `{{name}}` placeholders from `params`. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale.value][key] ?? catalogs[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** True when the current catalog has `key` (used to localize server error codes). */
export function hasKey(key: string): boolean {
  return key in catalogs[locale.value];
}
