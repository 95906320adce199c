import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { reviewTemplates, reviewTemplateVersions } from '../../../db/schema';
import type { TemplateBody } from '../../domain/reviewTemplate';

export interface TemplateVersion {
  versionId: number;
  templateId: number;
  name: string;
  version: number;
  body: TemplateBody;
}

/** The current version of the template for a job function, falling back to the `default` template. */
export function templateFor(db: Db, jobFunction: string): TemplateVersion | undefined {
  return currentVersion(db, jobFunction) ?? (jobFunction === 'default' ? undefined : currentVersion(db, 'default'));
}

function currentVersion(db: Db, jobFunction: string): TemplateVersion | undefined {
  const row = db
    .select({ versionId: reviewTemplateVersions.id, templateId: reviewTemplates.id, name: reviewTemplates.name, version: reviewTemplateVersions.version, body: reviewTemplateVersions.body })
    .from(reviewTemplates)
    .innerJoin(reviewTemplateVersions, and(eq(reviewTemplateVersions.templateId, reviewTemplates.id), eq(reviewTemplateVersions.version, reviewTemplates.currentVersion)))
    .where(eq(reviewTemplates.jobFunction, jobFunction))
    .get();
  return row ? { ...row, body: row.body as TemplateBody } : undefined;
}
