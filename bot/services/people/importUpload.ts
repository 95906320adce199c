import type { Db } from '../../../db/client';
import { AppError, type LineProblem } from '../../errors';
import { appendAudit } from '../audit';
import { recomputeDepartmentLeaders } from './departments';
import { applyDeactivations, planPeopleImport, type ImportOptions, type ImportPlan } from './planPeopleImport';
import type { PersonRow } from './readPeopleCsv';

/** An upload from the console: who imports (audited), the plan the preview showed, the whole company or not. */
export interface UploadOptions extends ImportOptions {
  actor?: string;
  /** The preview's planId: the import refuses (409 plan_changed, nothing written) when the plan is no longer the same. */
  expectPlan?: string;
}

interface Counts {
  created: number;
  updated: number;
  total: number;
  deactivated?: number;
}

/**
 * What an upload adds around the import's own write, inside its transaction: the plan (only when deactivations or a
 * confirmed preview need it) and its problems, the check that the confirmed plan still holds, then after the write
 * the deactivations and the audit entry (for an upload with a plan: deactivations or a confirmed preview).
 */
export function prepareUpload(deps: { db: Db; now: () => Date; defaults: { timezone: string; locale: string } }, rows: PersonRow[], options: UploadOptions, problems: LineProblem[]) {
  const plan: ImportPlan | undefined = options.deactivateMissing || options.expectPlan ? planPeopleImport(deps.db, rows, deps.defaults, options) : undefined;
  if (plan) problems.push(...managersLeaving(rows, plan.deactivations));
  return {
    /** The confirmed preview is still what this import would do. */
    confirm(): void {
      if (plan && options.expectPlan && plan.planId !== options.expectPlan) {
        throw new AppError('plan_changed', 'The directory changed since the preview: preview the file again.', { status: 409 });
      }
    },
    finish<T extends Counts>(result: T): T {
      if (plan && options.deactivateMissing) {
        result.deactivated = applyDeactivations(deps.db, plan, deps.now().toISOString());
        recomputeDepartmentLeaders(deps.db);
      }
      // Audited when the import deactivates people or carries a confirmed preview (the console's way); a plain upload
      // creates and updates records as it always did.
      if (options.actor && plan) {
        appendAudit(deps.db, {
          actor: options.actor, action: 'people.import', entity: 'people_import', entityId: deps.now().toISOString(),
          after: { ...result, deactivatedEmails: plan?.deactivations.map((d) => d.email) ?? [] },
        }, deps.now());
      }
      return result;
    },
  };
}

/** With deactivations, a row may not keep a manager the same import deactivates. */
export function managersLeaving(rows: PersonRow[], leaving: { email: string }[]): LineProblem[] {
  const gone = new Set(leaving.map((d) => d.email));
  return rows
    .filter((r) => r.manager_email && gone.has(r.manager_email))
    .map((r) => ({ line: r.line, field: 'manager_email', message: `manager_email "${r.manager_email}" is not in this file and would be deactivated` }));
}
