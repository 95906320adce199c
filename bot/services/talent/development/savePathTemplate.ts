import { eq } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { developmentPaths } from '../../../../db/schema';
import { normaliseMilestone, pathTemplateSchema } from '../../../domain/developmentPath';
import { problemsOf } from '../../../domain/problems';
import { AppError } from '../../../errors';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';

export type PathTemplateRow = typeof developmentPaths.$inferSelect;

/**
 * Creates (no id) or replaces a development path template: every problem listed (400 invalid_path, nothing stored),
 * a taken name → 409 path_name_taken; audited (`development.path.create` / `.update`) with before and after.
 * Running assignments keep the milestones they were given.
 */
export function savePathTemplate(deps: ServiceDeps, input: { id?: number; body: unknown; actor: string }): PathTemplateRow {
  const parsed = pathTemplateSchema.safeParse(input.body);
  if (!parsed.success) throw new AppError('invalid_path', 'The path template is not valid.', { status: 400, details: problemsOf(parsed.error.issues) });
  const p = parsed.data;
  const now = deps.now();
  const at = now.toISOString();
  const fields = {
    name: p.name,
    kind: p.kind,
    description: p.description ?? null,
    durationWeeks: p.durationWeeks,
    milestones: p.milestones.map(normaliseMilestone),
    archived: p.archived ?? false,
  };
  return inTransaction(deps.db, () => {
    const clash = deps.db.select({ id: developmentPaths.id }).from(developmentPaths).where(eq(developmentPaths.name, p.name)).get();
    if (clash && clash.id !== input.id) throw new AppError('path_name_taken', `A path named "${p.name}" exists already.`, { status: 409, details: [{ field: 'name', code: 'path_name_taken', message: 'is taken' }] });
    if (input.id === undefined) {
      const row = deps.db.insert(developmentPaths).values({ ...fields, createdAt: at, updatedAt: at }).returning().get();
      appendAudit(deps.db, { actor: input.actor, action: 'development.path.create', entity: 'development_path', entityId: row.id, after: fields }, now);
      return row;
    }
    const before = deps.db.select().from(developmentPaths).where(eq(developmentPaths.id, input.id)).get();
    if (!before) throw new AppError('not_found', 'No such path template.', { status: 404 });
    const row = deps.db.update(developmentPaths).set({ ...fields, updatedAt: at }).where(eq(developmentPaths.id, input.id)).returning().get();
    const { createdAt: _c, updatedAt: _u, id: _i, ...was } = before;
    appendAudit(deps.db, { actor: input.actor, action: 'development.path.update', entity: 'development_path', entityId: row.id, before: was, after: fields }, now);
    return row;
  });
}
