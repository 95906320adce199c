import { eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { departments, escalationRules } from '../../../db/schema';
import { DEFAULT_LADDER } from '../../domain/escalationLadder';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { appendAudit } from '../audit';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

const ladderFields = {
    remindBeforeDays: z.number().int().min(0).max(30),
    remindOnDueDay: z.boolean(),
    managerAfterDays: z.number().int().min(1).max(30),
    furtherAfterDays: z.number().int().min(1).max(60).nullable(),
    furtherTo: z.enum(['skip_level', 'hr']),
    workStart: hhmm,
    workEnd: hhmm,
};
const workHours = (r: { workStart: string; workEnd: string }) => r.workStart < r.workEnd;
const workHoursProblem = { message: 'workStart must be before workEnd', path: ['workEnd'] };

export const ladderInput = z.strictObject(ladderFields).refine(workHours, workHoursProblem);

/** The body of PUT /api/escalation-rules: a ladder and the department it is for (null: the company's). */
export const ladderRequest = z
  .strictObject({ ...ladderFields, department: z.string().trim().min(1).max(500).nullable().default(null) })
  .refine(workHours, workHoursProblem);

/** The company ladder (defaults when never set) and every department override, with department paths. */
export function listLadders(deps: ServiceDeps) {
  const rows = deps.db.select({ rule: escalationRules, path: departments.path }).from(escalationRules).leftJoin(departments, eq(departments.id, escalationRules.departmentId)).all();
  const company = rows.find((r) => r.rule.departmentId == null)?.rule;
  const strip = ({ id: _id, departmentId: _d, ...rest }: typeof escalationRules.$inferSelect) => rest;
  return {
    company: company ? strip(company) : { ...DEFAULT_LADDER, furtherTo: 'skip_level' as const },
    departments: rows.filter((r) => r.rule.departmentId != null).map((r) => ({ department: r.path!, ...strip(r.rule) })),
  };
}

/** Sets the company ladder (department null) or a department override; audited. */
export function setLadder(deps: ServiceDeps, actor: string, departmentPath: string | null, input: z.infer<typeof ladderInput>) {
  return inTransaction(deps.db, () => {
    let departmentId: number | null = null;
    if (departmentPath) {
      const d = deps.db.select({ id: departments.id }).from(departments).where(eq(departments.path, departmentPath)).get();
      if (!d) throw new AppError('unknown_department', `No department ${departmentPath}.`, { status: 422 });
      departmentId = d.id;
    }
    const where = departmentId == null ? isNull(escalationRules.departmentId) : eq(escalationRules.departmentId, departmentId);
    const before = deps.db.select().from(escalationRules).where(where).get();
    if (before) deps.db.update(escalationRules).set(input).where(eq(escalationRules.id, before.id)).run();
    else deps.db.insert(escalationRules).values({ departmentId, ...input }).run();
    appendAudit(deps.db, { actor, action: 'ladder.set', entity: 'escalation_rule', entityId: departmentPath ?? 'company', before, after: input }, deps.now());
    return listLadders(deps);
  });
}

/** Removes a department override: the department follows its parent or the company again. */
export function removeLadder(deps: ServiceDeps, actor: string, departmentPath: string) {
  return inTransaction(deps.db, () => {
    const d = deps.db.select({ id: departments.id }).from(departments).where(eq(departments.path, departmentPath)).get();
    const before = d && deps.db.select().from(escalationRules).where(eq(escalationRules.departmentId, d.id)).get();
    if (!before) throw new AppError('not_found', `No override for ${departmentPath}.`, { status: 404 });
    deps.db.delete(escalationRules).where(eq(escalationRules.id, before.id)).run();
    appendAudit(deps.db, { actor, action: 'ladder.remove', entity: 'escalation_rule', entityId: departmentPath, before }, deps.now());
    return listLadders(deps);
  });
}
