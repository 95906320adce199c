import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { reviewTemplates, reviewTemplateVersions } from '../../../db/schema';
import type { TemplateBody } from '../../domain/reviewTemplate';

export interface TemplateSummary {
  id: number;
  name: string;
  jobFunction: string;
  version: number;
  updatedAt: string;
}

export interface TemplateDetail extends TemplateSummary {
  /** The current version's body. */
  body: TemplateBody;
  versions: { version: number; createdAt: string; createdBy: string | null }[];
}

/** Every template with its current version, by job function. */
export function listTemplates(db: Db): TemplateSummary[] {
  return db
    .select({ id: reviewTemplates.id, name: reviewTemplates.name, jobFunction: reviewTemplates.jobFunction, version: reviewTemplates.currentVersion, updatedAt: reviewTemplates.updatedAt })
    .from(reviewTemplates)
    .orderBy(asc(reviewTemplates.jobFunction))
    .all();
}

/** One template: its current version's body and the list of its versions; undefined when there is none. */
export function templateDetail(db: Db, id: number): TemplateDetail | undefined {
  const t = db.select().from(reviewTemplates).where(eq(reviewTemplates.id, id)).get();
  if (!t) return undefined;
  const current = db
    .select({ body: reviewTemplateVersions.body })
    .from(reviewTemplateVersions)
    .where(and(eq(reviewTemplateVersions.templateId, id), eq(reviewTemplateVersions.version, t.currentVersion)))
    .get();
  const versions = db
    .select({ version: reviewTemplateVersions.version, createdAt: reviewTemplateVersions.createdAt, createdBy: reviewTemplateVersions.createdBy })
    .from(reviewTemplateVersions)
    .where(eq(reviewTemplateVersions.templateId, id))
    .orderBy(asc(reviewTemplateVersions.version))
    .all();
  return { id: t.id, name: t.name, jobFunction: t.jobFunction, version: t.currentVersion, updatedAt: t.updatedAt, body: current!.body as TemplateBody, versions };
}
