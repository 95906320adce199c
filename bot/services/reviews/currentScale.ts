import { desc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ratingScales } from '../../../db/schema';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';

/** The rating scale in force: the newest one HR saved, else S/A/B/C/D. */
export function currentScale(db: Db): ScaleGrade[] {
  return db.select({ grades: ratingScales.grades }).from(ratingScales).orderBy(desc(ratingScales.id)).limit(1).get()?.grades ?? DEFAULT_SCALE;
}
