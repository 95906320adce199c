/**
 * The talent profile (issue 16): what several years of reviews, goals, standups and integrations say about one
 * person, as plain data. Computed by `bot/services/talent/talentProfiles.ts`; read by the profile page, the 9-box
 * over time, talent pools (their rules see it through `poolFigures`), and mentor matching (skills).
 *
 * Grades are compared as points: the scale's best grade is worth as many points as the scale has grades, the next one
 * less, … the lowest 1. On the source case's S/A/B/C/D scale: S = 5, A = 4, B = 3, C = 2, D = 1, so "A or above" is
 * `>= 4`, and a skill rated A on its question is 4.
 */
import { rankOf, type ScaleGrade } from './ratingScale';

/** A grade as points on its own scale (best = scale.length … lowest = 1); null for a key the scale lacks. */
export function gradePoints(scale: ScaleGrade[], key: string | null | undefined): number | null {
  if (!key) return null;
  const rank = rankOf(scale, key);
  return rank >= scale.length ? null : scale.length - rank;
}

/** One released review of the person. */
export interface CycleResult {
  cycleId: number;
  cycleName: string;
  kind: 'monthly' | 'quarterly' | 'annual';
  periodStart: string;
  periodEnd: string;
  /** The final grade (after calibration and appeals). */
  grade: string;
  points: number;
  /** The grade the manager submitted, when calibration or an appeal changed it. */
  managerGrade: string | null;
  /** The template's potential question, as points (null when the template has none or it was not rated). */
  potential: number | null;
}

/** Scores of one skill (a rating question tagged with the skill), one per released review that rated it. */
export interface SkillHistory {
  skill: string;
  scores: { cycleId: number; periodEnd: string; points: number }[];
  latest: number;
  mean: number;
}

export interface TalentProfile {
  personId: number;
  /** Released results, oldest first. */
  results: CycleResult[];
  /** The annual results (kind 'annual'), oldest first: what "A or above for 3 years" reads. */
  years: { year: number; cycleId: number; grade: string; points: number }[];
  /** Goal attainment per goal period (0–1, weighted like reviews), its mean and variance across periods. */
  goals: { periods: { period: string; attainment: number }[]; mean: number | null; variance: number | null };
  /** Share of standup answers and goal check-ins given on time over the profile's window (null: none asked). */
  onTimeRate: number | null;
  /** Cross-team collaboration: goals shared with other departments, and distinct integration projects worked in. */
  collaboration: { sharedGoals: number; projects: number };
  /** By skill name (系统设计, 技术文档…). */
  skills: SkillHistory[];
  /** The latest potential rating, as points. */
  potential: number | null;
}
