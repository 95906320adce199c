import type { Db } from '../../../db/client';
import { metricDefinitions } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ScaleGrade } from '../../domain/ratingScale';
import { GOAL_FIGURES, ruleProblems } from '../../domain/reviewRules';
import { templateBody, templateRule, templateSection, type TemplateBody, type TemplateRule, type TemplateSection } from '../../domain/reviewTemplate';
import { currentScale } from './currentScale';

/** One thing wrong with a template, where it is (`sections.1.weight`, `rules.0.when`). */
export interface TemplateProblem {
  path: string;
  message: string;
}

/** What a template is checked against: the metric catalogue (key → which way is good) and the current scale. */
export interface TemplateCatalogue {
  metrics: ReadonlyMap<string, 'higher' | 'lower'>;
  scale: ScaleGrade[];
}

export function templateCatalogue(db: Db): TemplateCatalogue {
  const rows = db.select({ key: metricDefinitions.key, direction: metricDefinitions.direction }).from(metricDefinitions).all();
  return { metrics: new Map(rows.map((r) => [r.key, r.direction])), scale: currentScale(db) };
}

export interface ValidateOptions {
  /** Check that weights add up to 100 (saving does; the live preview of a template being edited does not). */
  weights?: boolean;
}

const isHundred = (n: number) => Math.abs(n - 100) < 1e-6;
const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Every problem with a template body, not just the first: the schema's (reviewTemplate.ts), then what the schema
 * cannot know — section weights summing to 100, item weights within a section summing to 100 (text questions carry
 * none), metrics in the catalogue, rule conditions that parse and name known figures, cap/floor grades on the
 * current scale, flag rules with a flag. Parts that are well-formed are checked even when others are not.
 */
export function validateTemplate(input: unknown, catalogue: TemplateCatalogue, options: ValidateOptions = {}): { body: TemplateBody | null; problems: TemplateProblem[] } {
  const parsed = templateBody.safeParse(input);
  const problems: TemplateProblem[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  // the well-formed parts of the body, to check further even when the schema refused something elsewhere
  const raw = (parsed.success ? parsed.data : input) as { sections?: unknown; rules?: unknown } | null;
  const rawSections = Array.isArray(raw?.sections) ? (raw.sections as unknown[]) : [];
  const rawRules = Array.isArray(raw?.rules) ? (raw.rules as unknown[]) : [];
  const sections = rawSections.map((s) => templateSection.safeParse(s).data);
  const rules = rawRules.map((r) => templateRule.safeParse(r).data);

  const weights = options.weights ?? true;
  if (weights && sections.length && sections.every((s) => s !== undefined)) {
    const sum = (sections as TemplateSection[]).reduce((n, s) => n + s.weight, 0);
    if (!isHundred(sum)) problems.push({ path: 'sections', message: `section weights add up to ${fmt(sum)}, not 100` });
  }
  sections.forEach((section, si) => {
    if (!section) return;
    const scored = section.items.filter((i) => i.kind !== 'text');
    if (weights && scored.length === 0 && section.weight > 0) {
      problems.push({ path: `sections.${si}.weight`, message: 'a section of text questions only is not scored: give it weight 0' });
    }
    if (weights && scored.length > 0) {
      const sum = scored.reduce((n, i) => n + i.weight, 0);
      if (!isHundred(sum)) problems.push({ path: `sections.${si}.items`, message: `item weights in this section add up to ${fmt(sum)}, not 100 (text questions carry no weight)` });
    }
    section.items.forEach((item, ii) => {
      if (item.kind !== 'metric') return;
      const path = `sections.${si}.items.${ii}`;
      const direction = catalogue.metrics.get(item.metric);
      if (!direction) {
        const message = item.metric in GOAL_FIGURES
          ? item.metric === 'goal_attainment' ? 'goal attainment is scored by a goals item, not a metric item' : `"${item.metric}" is a figure for rules, not a metric of the catalogue`
          : `unknown metric "${item.metric}"`;
        problems.push({ path: `${path}.metric`, message });
        return;
      }
      const zero = item.floor ?? (direction === 'higher' ? 0 : item.target * 2);
      if (zero === item.target) problems.push({ path: `${path}.${item.floor === undefined ? 'target' : 'floor'}`, message: 'the value that scores 0 equals the target: give a floor (the value that scores 0) apart from the target' });
      else if (item.floor !== undefined && (direction === 'higher' ? item.floor > item.target : item.floor < item.target)) {
        problems.push({ path: `${path}.floor`, message: `for "${item.metric}" ${direction} is better, so the floor must be ${direction === 'higher' ? 'below' : 'above'} the target` });
      }
    });
  });

  const known = new Set([...catalogue.metrics.keys(), ...Object.keys(GOAL_FIGURES)]);
  const grades = catalogue.scale.map((g) => g.key);
  rules.forEach((rule: TemplateRule | undefined, ri) => {
    if (!rule) return;
    for (const message of ruleProblems(rule.when, known)) problems.push({ path: `rules.${ri}.when`, message });
    if (rule.effect === 'flag') {
      if (!rule.flag) problems.push({ path: `rules.${ri}.flag`, message: 'a flag rule needs a flag, e.g. needs-improvement' });
    } else if (!rule.grade) problems.push({ path: `rules.${ri}.grade`, message: `a ${rule.effect} needs a grade of the scale (${grades.join(', ')})` });
    else if (!grades.includes(rule.grade)) problems.push({ path: `rules.${ri}.grade`, message: `grade "${rule.grade}" is not on the current scale (${grades.join(', ')})` });
  });
  return { body: parsed.success && problems.length === 0 ? parsed.data : null, problems };
}

/** The refusal of a template with every problem. */
export function invalidTemplate(problems: TemplateProblem[]): AppError {
  return new AppError('invalid_template', `The template has ${problems.length} problem(s); nothing was saved.`, { status: 400, details: problems });
}

/** The body, checked against the database's catalogue and scale, or the refusal with every problem. */
export function requireValidTemplate(db: Db, input: unknown, options?: ValidateOptions): TemplateBody {
  const { body, problems } = validateTemplate(input, templateCatalogue(db), options);
  if (!body) throw invalidTemplate(problems);
  return body;
}
