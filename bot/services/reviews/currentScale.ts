import { desc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ratingScales } from '../../../db/schema';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';

/** The rating scale now: the newest saved one, else the source case's S/A/B/C/D. */
export function currentScale(db: Db): ScaleGrade[] {
  const row = db.select({ grades: ratingScales.grades }).from(ratingScales).orderBy(desc(ratingScales.id)).limit(1).get();
  return row?.grades ?? DEFAULT_SCALE;
}
