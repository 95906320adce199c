import type { ScaleGrade } from './reviewShapes';

/** GET /api/calibration-sessions/:id (and every write's answer): what the calibration meeting looks at. */
export interface CalibrationSession {
  id: number;
  cycle: { id: number; name: string; periodStart: string; periodEnd: string };
  locked: boolean;
  lockedAt: string | null;
  minutes: string | null;
  guideline: Record<string, number>;
  scale: ScaleGrade[];
  distribution: { grade: string; count: number; percent: number; guideline: number; deviation: number; highlight: boolean }[];
  companyMean: number | null;
  managers: { managerId: number; name: string | null; count: number; mean: number; delta: number; mark: 'lenient' | 'harsh' | null }[];
  borderline: { reviewId: number; name: string; email: string; total: number; grade: string | null; above: string; below: string; distance: number; ab: boolean }[];
  nineBox: { performance: NineBoxLevel; potential: NineBoxLevel; count: number; reviewIds: number[] }[];
  reviews: CalibratedReview[];
  changes: CalibrationChange[];
  /** The people HR invited (department heads by default). */
  participants: { personId: number; name: string; email: string }[];
}

export type NineBoxLevel = 'high' | 'medium' | 'low';

export interface CalibratedReview {
  reviewId: number;
  name: string;
  email: string;
  department: string | null;
  managerName: string | null;
  status: string;
  total: number | null;
  suggestedGrade: string | null;
  grade: string | null;
  cap: string | null;
  flags: string[];
  needsCalibration: boolean;
  overrideReason: string | null;
  potential: string | null;
}

export interface CalibrationChange {
  id?: number;
  reviewId: number;
  before: string | null;
  after: string;
  reason: string;
  overrideReason: string | null;
  actor: string | null;
  at: string;
}
