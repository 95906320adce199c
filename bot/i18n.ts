import en from '../locales/en/bot.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/bot.json' with { type: 'json' };

export type Locale = 'zh-CN' | 'en';
export type MessageKey = keyof typeof en;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function asLocale(value: string | null | undefined, fallback: Locale = 'zh-CN'): Locale {
  return value === 'en' || value === 'zh-CN' ? value : fallback;
}

/** Looks up a bot string and fills {{placeholders}}; unknown placeholders are left visible so tests catch them. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
