import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { reviewTemplates, reviewTemplateVersions } from '../../../db/schema';
import type { TemplateBody } from '../../domain/reviewTemplate';

/** The job function whose template applies to everyone without one of their own. */
export const DEFAULT_FUNCTION = 'default';

/** A template's current version, as a cycle snapshots it (the version row's id is what a review points at). */
export interface CurrentTemplate {
  templateId: number;
  versionId: number;
  version: number;
  name: string;
  jobFunction: string;
  body: TemplateBody;
}

/**
 * The current version of the template for a job function, falling back to the `default` template; undefined when
 * neither exists.
 */
export function templateFor(db: Db, jobFunction: string): CurrentTemplate | undefined {
  const rows = db
    .select({
      templateId: reviewTemplates.id, versionId: reviewTemplateVersions.id, version: reviewTemplateVersions.version,
      name: reviewTemplates.name, jobFunction: reviewTemplates.jobFunction, body: reviewTemplateVersions.body,
    })
    .from(reviewTemplates)
    .innerJoin(reviewTemplateVersions, and(eq(reviewTemplateVersions.templateId, reviewTemplates.id), eq(reviewTemplateVersions.version, reviewTemplates.currentVersion)))
    .where(inArray(reviewTemplates.jobFunction, [...new Set([jobFunction, DEFAULT_FUNCTION])]))
    .all();
  const row = rows.find((r) => r.jobFunction === jobFunction) ?? rows.find((r) => r.jobFunction === DEFAULT_FUNCTION);
  return row && { ...row, body: row.body as TemplateBody };
}
