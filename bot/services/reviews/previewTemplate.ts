import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { metricDefinitions, people } from '../../../db/schema';
import { AppError } from '../../errors';
import { compileRule, evaluateRule, explainRule, GOAL_FIGURES, type FigureLabel } from '../../domain/reviewRules';
import { scoreReview, type ItemScore } from '../../domain/reviewScore';
import { currentScale } from './currentScale';
import { figuresFor, ruleVariables } from './reviewFigures';
import { requireValidTemplate } from './validateTemplate';

export interface PreviewInput {
  body: unknown;
  email: string;
  periodStart: string;
  periodEnd: string;
}

type Both = { 'zh-CN': string; en: string };

export interface TemplatePreview {
  figures: Record<string, number>;
  rules: { index: number; applies: boolean | null; missing: string[]; explanation: Both }[];
  items: ItemScore[];
  total: number | null;
  byTotal: string | null;
  suggested: string | null;
  cap: string | null;
  floor: string | null;
  flags: { flag: string; index: number }[];
}

/** How each figure reads in explanations: the catalogue's labels (ratios as percentages) and the goal figures'. */
export function figureLabels(db: Db): Record<string, FigureLabel> {
  const labels: Record<string, FigureLabel> = {};
  for (const [key, f] of Object.entries(GOAL_FIGURES)) labels[key] = { label: { 'zh-CN': f['zh-CN'], en: f.en }, ratio: f.ratio };
  for (const d of db.select().from(metricDefinitions).all()) {
    labels[d.key] = { label: { 'zh-CN': d.labelZh, en: d.labelEn }, ratio: d.aggregation === 'ratio', unit: d.unit || undefined };
  }
  return labels;
}

/**
 * An unsaved template evaluated against one person's real figures for a period: every rule (applies, or undecided
 * with the missing figures) explained in both languages, and the score with no manager ratings yet. The body must be
 * evaluable (schema, rule syntax and names, grades on the scale: 400 invalid_template); weights that do not add up
 * yet are fine while HR is still editing.
 */
export function previewTemplate(db: Db, input: PreviewInput): TemplatePreview {
  const body = requireValidTemplate(db, input.body, { weights: false });
  const person = db.select({ id: people.id }).from(people).where(eq(people.email, input.email.trim().toLowerCase())).get();
  if (!person) throw new AppError('not_found', `Nobody in the directory has the e-mail ${input.email}.`, { status: 404 });
  const figures = figuresFor(db, [person.id], { start: input.periodStart, end: input.periodEnd }).get(person.id)!;
  const variables = ruleVariables(figures);
  const labels = figureLabels(db);
  const outcomes = body.rules.map((rule) => evaluateRule(compileRule(rule), variables));
  const directions = Object.fromEntries(db.select({ key: metricDefinitions.key, direction: metricDefinitions.direction }).from(metricDefinitions).all().map((d) => [d.key, d.direction]));
  const scored = scoreReview(
    body,
    currentScale(db),
    { metrics: Object.fromEntries(Object.entries(figures.metrics).map(([k, m]) => [k, m.value])), directions, goalAttainment: figures.goalAttainment, ratings: {} },
    outcomes,
  );
  return {
    figures: Object.fromEntries(Object.entries(variables).filter((e): e is [string, number] => e[1] !== undefined)),
    rules: outcomes.map((o, index) => ({
      index,
      applies: o.applies,
      missing: o.missing,
      explanation: { 'zh-CN': explainRule(o, labels, 'zh-CN'), en: explainRule(o, labels, 'en') },
    })),
    items: scored.items,
    total: scored.total,
    byTotal: scored.byTotal,
    suggested: scored.suggested,
    cap: scored.cap,
    floor: scored.floor,
    flags: scored.flags.map((f) => ({ flag: f.flag, index: outcomes.indexOf(f.outcome) })),
  };
}
