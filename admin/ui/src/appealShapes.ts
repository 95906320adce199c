/** GET /api/appeals → { appeals: Appeal[] } */
export interface Appeal {
  id: number;
  reviewId: number;
  cycleId: number;
  cycle: string;
  personId: number;
  name: string;
  department: string | null;
  manager: string | null;
  grade: string | null;
  gradeBefore: string | null;
  gradeAfter: string | null;
  reason: string;
  channel: 'chat' | 'web';
  status: 'open' | 'upheld' | 'changed';
  dueAt: string;
  overdue: boolean;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /** The cycle's grades, best first. */
  grades: string[];
}

/** A distribution group of the cycle report: counts per grade before calibration and final. */
export interface GradeGroup {
  name: string;
  n: number;
  before: Record<string, number>;
  after: Record<string, number>;
}

/** GET /api/review-cycles/:id/report */
export interface CycleReport {
  cycle: { id: number; name: string; status: string; releasedAt: string | null };
  grades: string[];
  total: GradeGroup;
  byDepartment: GradeGroup[];
  byManager: GradeGroup[];
  changes: { reviewId: number; name: string; department: string | null; source: 'calibration' | 'appeal'; before: string | null; after: string | null; reason: string; overrideReason: string | null; actor: string; at: string }[];
  people: { reviewId: number; name: string; email: string; department: string | null; manager: string | null; before: string | null; after: string | null }[];
}

interface AppealCount {
  reviews: number;
  appeals: number;
  rate: number;
}

/** GET /api/appeals/report */
export interface AppealReport {
  cycles: (AppealCount & { cycleId: number; name: string; releasedAt: string; open: number; upheld: number; changed: number; departments: (AppealCount & { department: string })[] })[];
  change: number | null;
}

interface PulseFigures {
  responses: number;
  acceptance: number;
  clarity: number;
  clarityAgree: number;
}

/** GET /api/pulse/report */
export interface PulseReport {
  minGroup: number;
  cycles: { cycleId: number; name: string; releasedAt: string | null; asked: number; overall: PulseFigures | null; departments: (PulseFigures & { department: string })[]; hiddenGroups: number }[];
  change: { from: number; to: number } | null;
}
