import { eq, inArray } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { appSettings, departments } from '../../../db/schema';
import { applyPatch, companySettingsSchema, departmentsNamed, settingsPatchSchema, type CompanySettings } from '../../domain/companySettings';
import { problemsOf, type FieldProblem } from '../../domain/problems';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { settingsStoreOf } from './settingsStore';
import { settingsView, type SettingsView } from './settingsView';

const SECTIONS = ['standup', 'standupOverrides', 'points', 'leaderboard', 'reviews', 'mentoring', 'pilot', 'talent'] as const;

/**
 * PATCH /api/settings: merges the change into the stored settings, checks the result (every problem listed:
 * 400 invalid_settings, nothing changed), stores it with a new version and audits each changed section with its
 * before and after (`settings.pilot` for the pilot scope). The next job run reads the new settings.
 */
export function updateSettings(deps: ServiceDeps, actor: string, body: unknown): SettingsView {
  const store = settingsStoreOf(deps.db);
  if (!store) throw new AppError('settings_unavailable', 'This process keeps no settings store.', { status: 503 });
  const patch = settingsPatchSchema.safeParse(body);
  if (!patch.success) throw refused(problemsOf(patch.error.issues));
  const current = store.company();
  const next = companySettingsSchema.safeParse(applyPatch(current.settings, patch.data));
  if (!next.success) throw refused(problemsOf(next.error.issues));
  const problems = unknownDepartments(deps, next.data);
  if (problems.length) throw refused(problems);

  const changed = SECTIONS.filter((k) => JSON.stringify(current.settings[k]) !== JSON.stringify(next.data[k]));
  if (changed.length > 0) {
    const now = deps.now();
    inTransaction(deps.db, () => {
      // Versioned write: a change made meanwhile by someone else is not overwritten silently.
      const written = deps.db
        .update(appSettings)
        .set({ body: next.data, version: current.version + 1, updatedAt: now.toISOString(), updatedBy: actor })
        .where(eq(appSettings.version, current.version))
        .run().changes;
      if (written === 0) throw new AppError('settings_changed', 'The settings were changed meanwhile; reload them and try again.', { status: 409 });
      for (const section of changed) {
        appendAudit(deps.db, { actor, action: `settings.${section}`, entity: 'settings', entityId: section, before: { [section]: current.settings[section] }, after: { [section]: next.data[section] } }, now);
      }
    });
    store.invalidate();
  }
  return settingsView(deps);
}

function refused(problems: FieldProblem[]): AppError {
  return new AppError('invalid_settings', `The settings were not changed: ${problems.length} problem(s).`, { status: 400, details: problems });
}

function unknownDepartments(deps: ServiceDeps, settings: CompanySettings): FieldProblem[] {
  const named = departmentsNamed(settings);
  if (named.length === 0) return [];
  const known = new Set(deps.db.select({ path: departments.path }).from(departments).where(inArray(departments.path, named.map((n) => n.path))).all().map((d) => d.path));
  return named
    .filter((n) => !known.has(n.path))
    .map((n) => ({ field: n.field, code: 'unknown_department', message: `There is no department "${n.path}".`, params: { path: n.path } }));
}
