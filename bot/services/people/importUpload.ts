import { AppError, type LineProblem } from '../../errors';
import type { Directory } from './directorySnapshot';
import { planPeopleImport, type ImportOptions, type ImportPlan } from './planPeopleImport';
import type { PersonRow } from './readPeopleCsv';

/** An upload from the console: who imports (audited), the plan the preview showed, the whole company or not. */
export interface UploadOptions extends ImportOptions {
  actor?: string;
  /** The preview's planId: the import refuses (409 plan_changed, nothing written) when the plan is no longer the same. */
  expectPlan?: string;
}

/** What an upload adds to the import's plan: who it deactivates, and whether it is audited. */
export interface UploadPlan {
  /** E-mails of the people the import deactivates (the file is the whole company). */
  deactivate: string[];
  /** Audited when the import deactivates people or carries a confirmed preview (the console's way). */
  audit: boolean;
}

/**
 * The upload's part of the check, against the same directory read as the rows' checks: the plan (only when
 * deactivations or a confirmed preview need it) and its problems (a row keeping a manager the import deactivates)
 * pushed onto `problems`; a confirmed preview that no longer matches → 409 plan_changed. Nothing is written.
 */
export function* checkUpload(dir: Directory, rows: PersonRow[], defaults: { timezone: string; locale: string }, options: UploadOptions, problems: LineProblem[]): Generator<void, UploadPlan> {
  if (!options.deactivateMissing && !options.expectPlan) return { deactivate: [], audit: false };
  const plan: ImportPlan = yield* planPeopleImport(dir, rows, defaults, options);
  problems.push(...managersLeaving(rows, plan.deactivations));
  if (!problems.length && options.expectPlan && plan.planId !== options.expectPlan) {
    throw new AppError('plan_changed', 'The directory changed since the preview: preview the file again.', { status: 409 });
  }
  return { deactivate: plan.deactivations.map((d) => d.email), audit: Boolean(options.actor) };
}

/** With deactivations, a row may not keep a manager the same import deactivates. */
export function managersLeaving(rows: PersonRow[], leaving: { email: string }[]): LineProblem[] {
  const gone = new Set(leaving.map((d) => d.email));
  return rows
    .filter((r) => r.manager_email && gone.has(r.manager_email))
    .map((r) => ({ line: r.line, field: 'manager_email', message: `manager_email "${r.manager_email}" is not in this file and would be deactivated` }));
}
