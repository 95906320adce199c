import type { ServiceDeps } from '../context';
import { templateDetail } from './listTemplates';
import { createTemplate, templateNotFound, type SavedTemplate } from './saveTemplate';

/**
 * A new template (version 1) for another job function, starting from the current version of an existing one. It is
 * checked like any new template (the catalogue and scale may have changed since the original was saved). Audited.
 */
export function duplicateTemplate(deps: Pick<ServiceDeps, 'db' | 'now'>, actor: string, id: number, input: { name: string; jobFunction: string }): SavedTemplate {
  const source = templateDetail(deps.db, id);
  if (!source) throw templateNotFound(id);
  return createTemplate(deps, actor, { ...source.body, name: input.name, jobFunction: input.jobFunction }, { duplicateOf: { id, version: source.version } });
}
