import { and, eq, ne } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { reviewTemplates, reviewTemplateVersions } from '../../../db/schema';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { requireValidTemplate } from './validateTemplate';

export interface SavedTemplate {
  id: number;
  version: number;
}

type Deps = Pick<ServiceDeps, 'db' | 'now'>;

/** Where a new template came from, for the audit trail. */
export interface TemplateOrigin {
  duplicateOf: { id: number; version: number };
}

export const templateNotFound = (id: number) => new AppError('not_found', `No review template ${id}.`, { status: 404 });

function requireFunctionFree(deps: Deps, jobFunction: string, except?: number): void {
  const taken = deps.db
    .select({ id: reviewTemplates.id })
    .from(reviewTemplates)
    .where(except === undefined ? eq(reviewTemplates.jobFunction, jobFunction) : and(eq(reviewTemplates.jobFunction, jobFunction), ne(reviewTemplates.id, except)))
    .get();
  if (taken) {
    throw new AppError('template_exists', `There is already a template for "${jobFunction}" (id ${taken.id}): change that one, or use another job function.`, {
      status: 409,
      details: { id: taken.id, jobFunction },
    });
  }
}

/**
 * A new template (version 1) from a body that passes every check (400 invalid_template listing them all); a job
 * function has one template (409 template_exists). Audited.
 */
export function createTemplate(deps: Deps, actor: string, input: unknown, origin?: TemplateOrigin): SavedTemplate {
  return inTransaction(deps.db, () => {
    const body = requireValidTemplate(deps.db, input);
    requireFunctionFree(deps, body.jobFunction);
    const at = deps.now().toISOString();
    const { id } = deps.db
      .insert(reviewTemplates)
      .values({ name: body.name, jobFunction: body.jobFunction, currentVersion: 1, createdAt: at, updatedAt: at })
      .returning({ id: reviewTemplates.id })
      .get();
    deps.db.insert(reviewTemplateVersions).values({ templateId: id, version: 1, body, createdBy: actor, createdAt: at }).run();
    appendAudit(
      deps.db,
      { actor, action: origin ? 'review_template.duplicate' : 'review_template.create', entity: 'review_template', entityId: id, after: { name: body.name, jobFunction: body.jobFunction, version: 1, ...origin } },
      deps.now(),
    );
    return { id, version: 1 };
  });
}

/**
 * The next version of a template: a new version row (earlier ones are never changed, so a cycle keeps the version
 * it opened with) and the template's name, job function and current version updated. Same checks as creating. Audited.
 */
export function reviseTemplate(deps: Deps, actor: string, id: number, input: unknown): SavedTemplate {
  return inTransaction(deps.db, () => {
    const template = deps.db.select().from(reviewTemplates).where(eq(reviewTemplates.id, id)).get();
    if (!template) throw templateNotFound(id);
    const body = requireValidTemplate(deps.db, input);
    if (body.jobFunction !== template.jobFunction) requireFunctionFree(deps, body.jobFunction, id);
    const version = template.currentVersion + 1;
    const at = deps.now().toISOString();
    deps.db.insert(reviewTemplateVersions).values({ templateId: id, version, body, createdBy: actor, createdAt: at }).run();
    deps.db.update(reviewTemplates).set({ name: body.name, jobFunction: body.jobFunction, currentVersion: version, updatedAt: at }).where(eq(reviewTemplates.id, id)).run();
    appendAudit(
      deps.db,
      {
        actor, action: 'review_template.revise', entity: 'review_template', entityId: id,
        before: { name: template.name, jobFunction: template.jobFunction, version: template.currentVersion },
        after: { name: body.name, jobFunction: body.jobFunction, version },
      },
      deps.now(),
    );
    return { id, version };
  });
}
