import { desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/client';
import { ratingScales } from '../../../db/schema';
import { DEFAULT_SCALE, scaleProblems, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';

const label = z.string().trim().min(1).max(60);

/** The body of PUT /api/rating-scale: grades best first, each with its labels and the lowest total (0–100) it takes. */
export const scaleInput = z.strictObject({
  grades: z
    .array(
      z.strictObject({
        key: z.string().trim().regex(/^[A-Za-z0-9+-]{1,8}$/, 'a grade key is 1–8 letters, digits, + or -'),
        label: z.strictObject({ 'zh-CN': label, en: label }),
        min: z.number().min(0).max(100),
      }),
    )
    .min(1)
    .max(20),
});
export type ScaleInput = z.infer<typeof scaleInput>;

/** The current scale: the newest one HR saved, or the source case's S/A/B/C/D until then. */
export function currentScale(db: Db): ScaleGrade[] {
  const row = db.select({ grades: ratingScales.grades }).from(ratingScales).orderBy(desc(ratingScales.id)).limit(1).get();
  return row?.grades ?? DEFAULT_SCALE;
}

/**
 * Saves a new current scale (a new row: earlier ones stay, and cycles that opened keep the copy they took).
 * Refused with every problem listed (400 invalid_scale) when the bands do not fall strictly to 0 or a key repeats.
 */
export function saveScale(deps: Pick<ServiceDeps, 'db' | 'now'>, actor: string, input: ScaleInput): ScaleGrade[] {
  const grades: ScaleGrade[] = input.grades.map((g) => ({ key: g.key, label: { 'zh-CN': g.label['zh-CN'], en: g.label.en }, min: g.min }));
  const problems = scaleProblems(grades);
  if (problems.length) {
    throw new AppError('invalid_scale', `The rating scale was refused: ${problems.join('; ')}.`, { status: 400, details: problems.map((message) => ({ message })) });
  }
  return inTransaction(deps.db, () => {
    const before = currentScale(deps.db);
    const now = deps.now();
    const saved = deps.db.insert(ratingScales).values({ grades, createdBy: actor, createdAt: now.toISOString() }).returning({ id: ratingScales.id }).get();
    appendAudit(deps.db, { actor, action: 'rating_scale.update', entity: 'rating_scale', entityId: saved.id, before, after: grades }, now);
    return grades;
  });
}
