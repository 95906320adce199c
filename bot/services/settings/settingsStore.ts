import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appSettings } from '../../../db/schema';
import { companySettingsSchema, type CompanySettings } from '../../domain/companySettings';
import { withCompanySettings, type ProcessSettings } from '../../settings';
import type { Settings } from '../context';

/** How long a read trusts its cache before it checks whether another instance changed the settings. */
const RECHECK_MS = 1000;

export interface SettingsStore {
  /** The settings now: cached, re-read when this process changed them or, within a second, when another did. */
  current(): Settings;
  /** The company settings as stored, with their version. */
  company(): { settings: CompanySettings; version: number; updatedAt: string; updatedBy: string };
  /** Drop the cache (after a change). */
  invalidate(): void;
  /** The process's own settings (the public URL once the port is bound). */
  updateBase(change: Partial<ProcessSettings>): void;
}

const stores = new WeakMap<Db, SettingsStore>();

/**
 * Loads the company settings from the database, writing the first start's (from the environment) when there are
 * none yet, and keeps them cached. Registered per database so a change (updateSettings) invalidates it at once.
 */
export function createSettingsStore(db: Db, base: ProcessSettings, initial: CompanySettings, now: () => Date): SettingsStore {
  db.insert(appSettings).values({ id: 1, body: initial, version: 1, updatedAt: now().toISOString(), updatedBy: 'environment' }).onConflictDoNothing().run();
  const versionOf = db.$client.prepare('select version from app_settings where id = 1').pluck();
  let cached: { version: number; settings: Settings; checkedAt: number } | undefined;
  const read = () => {
    const row = db.select().from(appSettings).where(eq(appSettings.id, 1)).get()!;
    // A stored body from an older version may lack newer fields: those take the first start's values, section by section.
    const stored = row.body as Record<string, unknown>;
    const merged = Object.fromEntries(
      Object.entries(initial).map(([key, value]) => {
        const mine = stored[key];
        const isSection = value && typeof value === 'object' && !Array.isArray(value) && mine && typeof mine === 'object' && !Array.isArray(mine);
        return [key, mine === undefined ? value : isSection ? { ...value, ...mine } : mine];
      }),
    );
    const parsed = companySettingsSchema.safeParse(merged);
    return { settings: parsed.success ? parsed.data : initial, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  };
  const store: SettingsStore = {
    current() {
      const at = Date.now();
      if (cached && at - cached.checkedAt < RECHECK_MS) return cached.settings;
      if (cached && versionOf.get() === cached.version) {
        cached.checkedAt = at;
        return cached.settings;
      }
      const row = read();
      cached = { version: row.version, settings: withCompanySettings(base, row.settings), checkedAt: at };
      return cached.settings;
    },
    company: read,
    invalidate() {
      cached = undefined;
    },
    updateBase(change) {
      Object.assign(base, change);
      cached = undefined;
    },
  };
  stores.set(db, store);
  return store;
}

/** The store of a database, when the process made one (the app does; bare test deps may not). */
export function settingsStoreOf(db: Db): SettingsStore | undefined {
  return stores.get(db);
}
