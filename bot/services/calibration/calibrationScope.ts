import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { calibrationSessions, reviewCycles } from '../../../db/schema';
import type { ReviewFlag } from '../../../db/schema/reviews';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';
import { itemId, type TemplateBody } from '../../domain/reviewTemplate';
import { withinDepartments } from '../people/departments';
import { AppError } from '../../errors';

export interface CalibratedReview {
  reviewId: number;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  managerId: number | null;
  managerName: string | null;
  status: string;
  total: number | null;
  suggestedGrade: string | null;
  grade: string | null;
  cap: string | null;
  flags: string[];
  needsCalibration: boolean;
  overrideReason: string | null;
  /** The manager's grade on the template's potential question, if any. */
  potential: string | null;
}

/** A session with its cycle's scale; 404 when there is none. */
export function loadSession(db: Db, id: number) {
  const session = db.select().from(calibrationSessions).where(eq(calibrationSessions.id, id)).get();
  if (!session) throw new AppError('not_found', 'No such calibration session.', { status: 404 });
  const cycle = db.select().from(reviewCycles).where(eq(reviewCycles.id, session.cycleId)).get()!;
  return { session, cycle, scale: (cycle.scale ?? DEFAULT_SCALE) as ScaleGrade[] };
}

/** The reviews a session calibrates: the cycle's, for people in the session's departments (and below) or all. */
export function sessionReviews(db: Db, cycleId: number, departmentIds: number[] | null): CalibratedReview[] {
  const rows = db.$client
    .prepare<[number], Omit<CalibratedReview, 'flags' | 'needsCalibration' | 'potential'> & { flags: string; needsCalibration: number; ratings: string | null; body: string; departmentId: number | null }>(
      `select r.id as reviewId, p.id as personId, p.name, p.email, d.path as department, p.department_id as departmentId, r.manager_id as managerId,
              m.name as managerName, r.status, r.total, r.suggested_grade as suggestedGrade, r.grade, r.cap_grade as cap, r.flags,
              r.needs_calibration as needsCalibration, r.override_reason as overrideReason, r.ratings, v.body
       from reviews r join people p on p.id = r.person_id left join departments d on d.id = p.department_id
       left join people m on m.id = r.manager_id join review_template_versions v on v.id = r.template_version_id
       where r.cycle_id = ? order by p.name`,
    )
    .all(cycleId);
  const inScope = withinDepartments(db, departmentIds);
  return rows
    .filter((r) => inScope(r.department))
    .map(({ flags, needsCalibration, ratings, body, departmentId: _, ...r }) => ({
      ...r,
      flags: (JSON.parse(flags) as ReviewFlag[]).filter((f) => !f.clearedAt).map((f) => f.flag),
      needsCalibration: needsCalibration === 1,
      potential: potentialOf(JSON.parse(body) as TemplateBody, ratings ? (JSON.parse(ratings) as Record<string, string>) : {}),
    }));
}

function potentialOf(body: TemplateBody, ratings: Record<string, string>): string | null {
  for (const [si, section] of body.sections.entries()) {
    for (const [ii, item] of section.items.entries()) if (item.kind === 'rating' && item.potential && ratings[itemId(si, ii)]) return ratings[itemId(si, ii)];
  }
  return null;
}
