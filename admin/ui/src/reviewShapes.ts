// Shapes of the review endpoints (docs/reviews.md): the server's own types where they exist (type-only: nothing of the
// server is bundled), else as the contract gives them.
import type { ScaleGrade } from '../../../db/schema/reviews';
import type { LocalText, TemplateBody, TemplateItem, TemplateRule } from '../../../bot/domain/reviewTemplate';

export type { LocalText, ScaleGrade, TemplateBody, TemplateItem, TemplateRule };
export type Bilingual = { 'zh-CN': string; en: string };

/** GET /api/rating-scale, PUT /api/rating-scale */
export interface RatingScale {
  grades: ScaleGrade[];
}

/** GET /api/metric-definitions → `{definitions}` */
export interface MetricDefinition {
  key: string;
  label: Bilingual;
  unit: string;
  direction: 'higher' | 'lower';
  aggregation: 'sum' | 'mean' | 'last' | 'ratio';
}

/** GET /api/review-templates → `{templates}` */
export interface TemplateSummary {
  id: number;
  name: string;
  jobFunction: string;
  version: number;
  updatedAt: string;
}

/** GET /api/review-templates/:id */
export interface TemplateDetail {
  id: number;
  name: string;
  jobFunction: string;
  version: number;
  body: TemplateBody;
  versions: { version: number; createdAt: string; createdBy: string | null }[];
}

/** POST /api/review-templates/preview */
export interface TemplatePreview {
  figures: Record<string, number>;
  rules: { index: number; applies: boolean | null; missing: string[]; explanation: Bilingual }[];
  total: number | null;
  byTotal: string | null;
  suggested: string | null;
  cap: string | null;
  floor: string | null;
  flags: (string | { flag: string })[];
}

/** GET /api/review-cycles → `{cycles}` */
export interface ReviewCycle {
  id: number;
  name: string;
  kind: 'monthly' | 'quarterly' | 'annual';
  periodStart: string;
  periodEnd: string;
  status: string;
  reviews: number;
  submitted: number;
  /** While the cycle opens: its reviews drafted so far of all it has; null once every review is drafted. */
  drafting?: { drafted: number; total: number } | null;
}

export type ReviewStatus = 'self_review' | 'manager_review' | 'submitted';

export interface ReviewFlag {
  flag: string;
  reason: string;
  clearedBy?: string | null;
  clearReason?: string | null;
}

/** GET /api/review-cycles/:id/reviews → one row */
export interface CycleReview {
  id: number;
  email: string;
  name: string;
  status: ReviewStatus;
  suggestedGrade: string | null;
  cap?: string | null;
  flags: (ReviewFlag | string)[];
  grade?: string | null;
  needsCalibration?: boolean;
  /** false while the cycle's opening has not drafted it yet */
  drafted?: boolean;
}

/** GET /api/reviews/:id: the draft. */
export interface ReviewDraft {
  id: number;
  cycle: { id: number; name: string; periodStart: string; periodEnd: string };
  person: { id: number; name: string; email: string; jobFunction: string };
  manager: { id: number; name: string } | null;
  status: ReviewStatus;
  template: { name: string; version: number; body: TemplateBody };
  scale: ScaleGrade[];
  standups: { week: string; answers: { question: string; answer: string | null }[] }[];
  goals: { id: number; title: string; progress: number; checkIns: { at: string; onTime: boolean; value: number; auto?: boolean }[] }[];
  metrics: { metric: string; label: LocalText; value: number; display?: string; source: string; sourceRef?: string | null; fetchedAt?: string | null; periods?: string[] }[];
  points: number | null;
  items: { id: string; kind: TemplateItem['kind']; label?: LocalText; weight: number; score: number | null; value?: number | null; grade?: string | null }[];
  total: number | null;
  byTotal: string | null;
  suggestedGrade: string | null;
  cap: string | null;
  floor: string | null;
  rulesApplied: { effect: TemplateRule['effect']; grade?: string; flag?: string; reason: LocalText; explanation: Bilingual }[];
  flags: ReviewFlag[];
  self: { questions: LocalText[]; answers: (string | null)[] | null; submittedAt: string | null } | null;
  grade: string | null;
  feedback: string | null;
  overrideReason: string | null;
  needsCalibration: boolean;
  canGrade: boolean;
  canSelfReview: boolean;
  /** Not null while the review is not drafted yet (its cycle opening): then only id, cycle, person, manager and status come with it. */
  drafting?: { drafted: number; total: number } | null;
}

/** GET /api/me/reviews → `{reviews}` */
export interface MyReview {
  id: number;
  cycle: { name: string; periodStart: string; periodEnd: string };
  status: ReviewStatus;
  canSelfReview: boolean;
  /** The grade once released (null before). */
  grade: string | null;
  released: boolean;
  /** Until when an appeal is taken (null before the release), whether one can be made now, and the one made. */
  appealClosesAt: string | null;
  canAppeal: boolean;
  appeal: { id: number; status: 'open' | 'upheld' | 'changed'; reason: string; dueAt: string; note: string | null } | null;
}

/** GET /api/people/:id/file */
export interface PersonFile {
  person: { id: number; name: string; email?: string; department?: string | null; [key: string]: unknown };
  entries: { at: string; kind: 'review' | 'feedback' | 'goal' | 'points' | string; title: string; detail: string | null }[];
}
