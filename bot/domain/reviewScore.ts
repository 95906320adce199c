import { better, gradeFor, gradeScore, type ScaleGrade } from './ratingScale';
import type { RuleOutcome } from './reviewRules';
import { itemId, type TemplateBody } from './reviewTemplate';

/** What the draft knows about a person for the period. */
export interface ScoreInputs {
  /** Metric values by key (aggregated for the period). */
  metrics: Record<string, number | undefined>;
  directions: Record<string, 'higher' | 'lower'>;
  /** Weighted progress of the person's goals, 0–1. */
  goalAttainment?: number;
  /** The manager's grades per rating item id. */
  ratings: Record<string, string>;
}

export interface ItemScore {
  id: string;
  kind: 'metric' | 'goals' | 'rating' | 'text';
  weight: number;
  /** 0–100, or null while the value is missing (a metric not yet imported, a question not yet rated). */
  score: number | null;
  value?: number;
  grade?: string;
}

export interface ScoredReview {
  items: ItemScore[];
  sections: { weight: number; score: number | null }[];
  /** The weighted total over what is known, 0–100 (null when nothing is). */
  total: number | null;
  /** The grade of the total, before rules. */
  byTotal: string | null;
  cap: string | null;
  floor: string | null;
  /** The grade after caps and floors. */
  suggested: string | null;
  flags: { flag: string; outcome: RuleOutcome }[];
}

/** A metric's score: linear from the floor (0) to the target (100), clamped. */
export function metricScore(value: number, target: number, direction: 'higher' | 'lower', floor?: number): number {
  const zero = floor ?? (direction === 'higher' ? 0 : target * 2);
  if (target === zero) return value === target ? 100 : 0;
  return Math.min(100, Math.max(0, ((value - zero) / (target - zero)) * 100));
}

function weightedMean(parts: { weight: number; score: number | null }[]): number | null {
  const known = parts.filter((p) => p.score !== null && p.weight > 0);
  const w = known.reduce((s, p) => s + p.weight, 0);
  return w === 0 ? null : known.reduce((s, p) => s + p.weight * p.score!, 0) / w;
}

/**
 * Scores a template for one person: items → sections (weighted mean of what is known) → total (weighted by section),
 * the grade of the total, then the rules: the strictest cap, the highest floor, and every flag.
 */
export function scoreReview(body: TemplateBody, scale: ScaleGrade[], inputs: ScoreInputs, outcomes: RuleOutcome[]): ScoredReview {
  const items: ItemScore[] = [];
  const sections = body.sections.map((section, si) => {
    const scored = section.items.map((item, ii) => {
      const id = itemId(si, ii);
      let entry: ItemScore;
      if (item.kind === 'metric') {
        const value = inputs.metrics[item.metric];
        const score = value === undefined ? null : metricScore(value, item.target, inputs.directions[item.metric] ?? 'higher', item.floor);
        entry = { id, kind: 'metric', weight: item.weight, score, value };
      } else if (item.kind === 'goals') {
        const a = inputs.goalAttainment;
        entry = { id, kind: 'goals', weight: item.weight, score: a === undefined ? null : Math.min(100, a * 100), value: a };
      } else if (item.kind === 'rating') {
        const grade = inputs.ratings[id];
        entry = { id, kind: 'rating', weight: item.weight, score: grade ? gradeScore(scale, grade) : null, grade };
      } else entry = { id, kind: 'text', weight: 0, score: null };
      items.push(entry);
      return entry;
    });
    return { weight: section.weight, score: weightedMean(scored) };
  });
  const total = weightedMean(sections);
  const byTotal = total === null ? null : gradeFor(scale, total);
  let cap: string | null = null;
  let floor: string | null = null;
  const flags: ScoredReview['flags'] = [];
  for (const o of outcomes) {
    if (o.applies !== true) continue;
    const g = o.rule.grade;
    if (o.rule.effect === 'cap' && g && (cap === null || better(scale, cap, g))) cap = g;
    else if (o.rule.effect === 'floor' && g && (floor === null || better(scale, g, floor))) floor = g;
    else if (o.rule.effect === 'flag' && o.rule.flag) flags.push({ flag: o.rule.flag, outcome: o });
  }
  let suggested = byTotal;
  if (suggested !== null && cap !== null && better(scale, suggested, cap)) suggested = cap;
  if (suggested !== null && floor !== null && better(scale, floor, suggested)) suggested = floor;
  return { items, sections, total: total === null ? null : Math.round(total * 10) / 10, byTotal, cap, floor, suggested, flags };
}
