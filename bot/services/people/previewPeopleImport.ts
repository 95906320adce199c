import type { Db } from '../../../db/client';
import type { LineProblem } from '../../errors';
import { runInSlices } from '../slices';
import { checkRows } from './checkPeopleImport';
import { readDirectory } from './directorySnapshot';
import { managersLeaving } from './importUpload';
import { planPeopleImport, sortedProblems, type ImportOptions, type ImportPlan } from './planPeopleImport';
import { readPeopleCsvForPreview, type PersonRow } from './readPeopleCsv';

/** How many of each kind a preview lists (the counts are always whole). */
export const PREVIEW_LIST_LIMIT = 500;

export interface ImportPreview {
  counts: { rows: number; creates: number; updates: number; unchanged: number; deactivations: number; errors: number };
  creates: ImportPlan['creates'];
  updates: ImportPlan['updates'];
  deactivations: ImportPlan['deactivations'];
  errors: LineProblem[];
  /** Pass it back as `?confirm=` to import exactly this plan; null while the file has errors (it cannot be imported). */
  planId: string | null;
}

/**
 * The dry run of a people import: the same reading, checks and plan the import runs (in slices, like the import),
 * with nothing written. Rows that are well-formed are planned even when others are not, so one look shows every
 * error and the rest of the change.
 */
export async function previewPeopleImport(deps: { db: Db; defaults: { timezone: string; locale: string } }, csv: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const { rows, problems } = await readPeopleCsvForPreview(csv);
  return runInSlices(preview(deps, rows, problems, options));
}

function* preview(deps: { db: Db; defaults: { timezone: string; locale: string } }, rows: PersonRow[], problems: LineProblem[], options: ImportOptions): Generator<void, ImportPreview> {
  const dir = yield* readDirectory(deps.db);
  const plan = yield* planPeopleImport(dir, rows, deps.defaults, options);
  const errors = sortedProblems([...problems, ...(yield* checkRows(dir, rows)), ...managersLeaving(rows, plan.deactivations)]);
  const cut = <T>(list: T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    counts: {
      rows: rows.length + new Set(problems.map((p) => p.line)).size,
      creates: plan.creates.length, updates: plan.updates.length, unchanged: plan.unchanged, deactivations: plan.deactivations.length, errors: errors.length,
    },
    creates: cut(plan.creates),
    updates: cut(plan.updates),
    deactivations: cut(plan.deactivations),
    errors: cut(errors),
    planId: errors.length ? null : plan.planId,
  };
}
