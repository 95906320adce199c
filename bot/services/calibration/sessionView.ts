import type { Db } from '../../../db/client';
import { gradeScore, type ScaleGrade } from '../../domain/ratingScale';
import { nineBoxLevel } from '../../domain/nineBox';
import { loadSession, sessionReviews, type CalibratedReview } from './calibrationScope';

/** A grade's share this far from the guideline (percentage points) is highlighted. */
export const DEVIATION_POINTS = 5;
/** A manager whose mean is this far (score points) from the company's is marked lenient or harsh … */
export const LENIENCY_POINTS = 5;
/** … when they graded at least this many. */
const MIN_FOR_LENIENCY = 3;
/** A weighted total this close to a grade boundary is borderline. */
export const BORDERLINE_POINTS = 3;

/**
 * What the calibration meeting looks at: the distribution against the guideline (deviations highlighted), each
 * manager's mean against the company's (lenient and harsh marked), borderline people first (A/B boundary first),
 * a 9-box of performance × potential, rule hits, and the changes so far. A review's grade is the manager's, or the
 * suggested one until the manager submits.
 */
export function sessionView(db: Db, id: number) {
  const { session, cycle, scale } = loadSession(db, id);
  const reviews = sessionReviews(db, cycle.id, session.departments);
  const gradeOf = (r: CalibratedReview) => r.grade ?? r.suggestedGrade;
  const graded = reviews.filter((r) => gradeOf(r) !== null);
  const distribution = scale.map((g) => {
    const count = graded.filter((r) => gradeOf(r) === g.key).length;
    const percent = graded.length ? Math.round((count / graded.length) * 1000) / 10 : 0;
    const guideline = session.guideline[g.key] ?? 0;
    const deviation = Math.round((percent - guideline) * 10) / 10;
    return { grade: g.key, count, percent, guideline, deviation, highlight: graded.length > 0 && Math.abs(deviation) >= DEVIATION_POINTS };
  });
  const score = (r: CalibratedReview) => gradeScore(scale, gradeOf(r)!);
  const companyMean = graded.length ? graded.reduce((s, r) => s + score(r), 0) / graded.length : null;
  const byManager = new Map<number, CalibratedReview[]>();
  for (const r of graded) if (r.managerId !== null) byManager.set(r.managerId, [...(byManager.get(r.managerId) ?? []), r]);
  const managers = [...byManager.entries()].map(([managerId, list]) => {
    const mean = list.reduce((s, r) => s + score(r), 0) / list.length;
    const delta = companyMean === null ? 0 : mean - companyMean;
    const mark = list.length < MIN_FOR_LENIENCY ? null : delta >= LENIENCY_POINTS ? 'lenient' : delta <= -LENIENCY_POINTS ? 'harsh' : null;
    return { managerId, name: list[0].managerName, count: list.length, mean: round(mean), delta: round(delta), mark };
  });
  return {
    id: session.id,
    cycle: { id: cycle.id, name: cycle.name, periodStart: cycle.periodStart, periodEnd: cycle.periodEnd },
    locked: session.lockedAt !== null,
    lockedAt: session.lockedAt,
    minutes: session.minutes,
    guideline: session.guideline,
    scale,
    distribution,
    companyMean: companyMean === null ? null : round(companyMean),
    managers,
    borderline: borderline(scale, reviews),
    nineBox: nineBox(scale, graded, gradeOf),
    reviews,
    changes: db.$client
      .prepare(`select id, review_id as reviewId, before, after, reason, override_reason as overrideReason, actor, at from calibration_changes where session_id = ? order by id`)
      .all(session.id),
    /** Who HR invited (the department heads by default): they sign in and take part. */
    participants: db.$client
      .prepare(`select p.id as personId, p.name, p.email from calibration_participants cp join people p on p.id = cp.person_id where cp.session_id = ? order by p.name`)
      .all(session.id),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Reviews whose total lies within BORDERLINE_POINTS of a boundary: the A/B boundary first, then the closest. */
function borderline(scale: ScaleGrade[], reviews: CalibratedReview[]) {
  const abIndex = scale.findIndex((g) => g.key === 'B');
  const out: { reviewId: number; name: string; email: string; total: number; grade: string | null; above: string; below: string; distance: number; ab: boolean }[] = [];
  for (const r of reviews) {
    if (r.total === null) continue;
    let best: (typeof out)[number] | undefined;
    for (let i = 1; i < scale.length; i++) {
      const distance = Math.abs(r.total - scale[i - 1].min);
      if (distance <= BORDERLINE_POINTS && (!best || distance < best.distance)) {
        best = { reviewId: r.reviewId, name: r.name, email: r.email, total: r.total, grade: r.grade ?? r.suggestedGrade, above: scale[i - 1].key, below: scale[i].key, distance: round(distance), ab: i === abIndex };
      }
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => Number(b.ab) - Number(a.ab) || a.distance - b.distance);
}

/** Performance (the grade) × potential (the potential question), each high / medium / low: the top third of the scale is high. */
function nineBox(scale: ScaleGrade[], reviews: CalibratedReview[], gradeOf: (r: CalibratedReview) => string | null) {
  const level = (grade: string | null) => nineBoxLevel(scale, grade);
  const cells = new Map<string, number[]>();
  for (const r of reviews) {
    const performance = level(gradeOf(r));
    const potential = level(r.potential);
    if (!performance || !potential) continue;
    const key = `${performance}:${potential}`;
    cells.set(key, [...(cells.get(key) ?? []), r.reviewId]);
  }
  return [...cells.entries()].map(([key, reviewIds]) => {
    const [performance, potential] = key.split(':');
    return { performance, potential, count: reviewIds.length, reviewIds };
  });
}
