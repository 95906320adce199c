import { Parser, type Expression } from 'expr-eval-fork';
import type { LocalText, TemplateRule } from './reviewTemplate';
import { localText } from './reviewTemplate';

/**
 * Rating rules are end-user expressions over a person's figures ("collection_rate < 0.8", "major_incidents > 2"),
 * parsed and evaluated by expr-eval (an interpreter: no eval, no member access, no assignment). Variables are
 * metric keys from the catalogue plus the figures every review has (GOAL_FIGURES).
 *
 * The one rule-expression configuration, for rating rules and talent-pool rules alike: no member access, no
 * assignment, no function definitions, and no `random` (a grade must follow from the figures: no dice; without the
 * function `random` is just an unknown name). A caller may register its own functions (talent pools:
 * `skill("系统设计")`, `min_annual(3)`); each call makes its own parser, so the rating rules' parser has none.
 */
export function createRuleParser(functions: Record<string, (...args: never[]) => unknown> = {}): Parser {
  const p = new Parser({ allowMemberAccess: false, operators: { assignment: false, fndef: false } });
  delete (p.functions as Record<string, unknown>).random;
  Object.assign(p.functions as Record<string, unknown>, functions);
  return p;
}

const parser = createRuleParser();

/** Figures every person has for a period, next to their metrics. */
export const GOAL_FIGURES = {
  goal_attainment: { 'zh-CN': '目标达成率', en: 'goal attainment', ratio: true },
  checkin_on_time_rate: { 'zh-CN': '按时签到率', en: 'on-time check-ins', ratio: true },
  standup_answer_rate: { 'zh-CN': '站会回答率', en: 'standups answered', ratio: true },
  points: { 'zh-CN': '积分', en: 'points', ratio: false },
} as const;

export type Figures = Record<string, number | undefined>;

export interface CompiledRule {
  rule: TemplateRule;
  expression: Expression;
  variables: string[];
}

/** Compiles a rule's condition; throws with the parser's message on a syntax error. */
export function compileRule(rule: TemplateRule): CompiledRule {
  const expression = parser.parse(rule.when);
  return { rule, expression, variables: expression.variables({ withMembers: false }) };
}

/**
 * What is wrong with a rule's condition given the names it may use (syntax, unknown names, a condition that is no
 * comparison or cannot be evaluated, e.g. `collection_rate(1)`); empty when fine.
 */
export function ruleProblems(when: string, known: ReadonlySet<string>): string[] {
  let expression: Expression;
  let variables: string[];
  try {
    expression = parser.parse(when);
    variables = expression.variables({ withMembers: false });
  } catch (err) {
    return [`syntax: ${(err as Error).message}`];
  }
  const unknown = variables.filter((v) => !known.has(v)).map((v) => `unknown metric "${v}"`);
  if (unknown.length) return unknown;
  // a trial run with every figure at 1: it must run and give true or false
  let result: unknown;
  try {
    result = expression.evaluate(Object.fromEntries(variables.map((v) => [v, 1])));
  } catch (err) {
    return [`cannot be evaluated: ${(err as Error).message}`];
  }
  return typeof result === 'boolean' ? [] : ['a condition must compare, e.g. collection_rate < 0.8'];
}

export interface RuleOutcome {
  rule: TemplateRule;
  /** true: applies; false: does not; null: a figure it needs is missing (or it could not be evaluated), so it was not decided. */
  applies: boolean | null;
  missing: string[];
  values: Record<string, number>;
  /** Why it could not be evaluated, when it ran into an error with all its figures present. */
  error?: string;
}

/** Evaluates one rule against the figures. A rule whose figures are missing is undecided, never silently false. */
export function evaluateRule(compiled: CompiledRule, figures: Figures): RuleOutcome {
  const values: Record<string, number> = {};
  const missing: string[] = [];
  for (const v of compiled.variables) {
    const value = figures[v];
    if (value === undefined || !Number.isFinite(value)) missing.push(v);
    else values[v] = value;
  }
  if (missing.length) return { rule: compiled.rule, applies: null, missing, values };
  try {
    const result: unknown = compiled.expression.evaluate(values);
    return { rule: compiled.rule, applies: Boolean(result), missing, values };
  } catch (err) {
    // one rule that cannot run must not stop a whole cycle: it stays undecided
    return { rule: compiled.rule, applies: null, missing, values, error: (err as Error).message };
  }
}

export interface FigureLabel {
  label: LocalText;
  /** Shown as a percentage (values 0–1). */
  ratio: boolean;
  unit?: string;
}

/** A figure as people read it: 0.72 with a ratio label → "72%". */
export function formatFigure(value: number, label: FigureLabel | undefined): string {
  if (label?.ratio) return `${Math.round(value * 1000) / 10}%`;
  const n = Math.round(value * 100) / 100;
  return label?.unit ? `${n} ${label.unit}` : String(n);
}

const SIMPLE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|<|>|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * Why a rule applied, in the reader's language: for a plain comparison the figures themselves
 * ("回款完成率 72% < 80%：最高 B"), otherwise HR's reason with the figures it used. A rule that did not apply, or
 * could not be decided, says so ("回款完成率 92%（条件 < 80%）：不适用", "未判定，缺少数据：回款完成率") rather than
 * reading like its effect.
 */
export function explainRule(outcome: RuleOutcome, labels: Record<string, FigureLabel>, locale: 'zh-CN' | 'en'): string {
  const { rule } = outcome;
  const zh = locale === 'zh-CN';
  const nameOf = (k: string) => (labels[k] ? localText(labels[k].label, locale) : k);
  const reason = localText(rule.reason, locale);
  if (outcome.applies === null) {
    const why = outcome.missing.length
      ? zh ? `未判定，缺少数据：${outcome.missing.map(nameOf).join('、')}` : `undecided, no figure for ${outcome.missing.map(nameOf).join(', ')}`
      : zh ? `未判定，无法计算：${outcome.error ?? ''}` : `undecided, could not be evaluated: ${outcome.error ?? ''}`;
    return zh ? `${why}（${reason}）` : `${why} (${reason})`;
  }
  const effect =
    outcome.applies === false ? (zh ? '不适用' : 'does not apply')
    : rule.effect === 'cap' ? (zh ? `最高 ${rule.grade}` : `at most ${rule.grade}`)
    : rule.effect === 'floor' ? (zh ? `最低 ${rule.grade}` : `at least ${rule.grade}`)
    : zh ? `标记「${rule.flag}」` : `flag "${rule.flag}"`;
  const sep = zh ? '：' : ': ';
  const simple = SIMPLE.exec(rule.when);
  if (simple && outcome.values[simple[1]] !== undefined) {
    const label = labels[simple[1]];
    const value = `${nameOf(simple[1])} ${formatFigure(outcome.values[simple[1]], label)}`;
    const condition = `${simple[2]} ${formatFigure(Number(simple[3]), label)}`;
    const figure = outcome.applies ? `${value} ${condition}` : zh ? `${value}（条件 ${condition}）` : `${value} (rule: ${condition})`;
    return zh ? `${figure}：${effect}（${reason}）` : `${figure}: ${effect} (${reason})`;
  }
  const used = Object.entries(outcome.values).map(([k, v]) => `${nameOf(k)} ${formatFigure(v, labels[k])}`);
  return `${reason}${used.length ? ` (${used.join(', ')})` : ''}${sep}${effect}`;
}
