import { asc } from 'drizzle-orm';
import { departments } from '../../../db/schema';
import type { CompanySettings } from '../../domain/companySettings';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { settingsStoreOf } from './settingsStore';

export interface SettingsView extends CompanySettings {
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** Every department path, for the console's pickers (overrides, pilot). */
  departments: string[];
}

/** The company settings as stored (GET /api/settings). */
export function settingsView(deps: ServiceDeps): SettingsView {
  const store = settingsStoreOf(deps.db);
  if (!store) throw new AppError('settings_unavailable', 'This process keeps no settings store.', { status: 503 });
  const { settings, version, updatedAt, updatedBy } = store.company();
  const paths = deps.db.select({ path: departments.path }).from(departments).orderBy(asc(departments.path)).all().map((d) => d.path);
  return { ...settings, version, updatedAt, updatedBy, departments: paths };
}
