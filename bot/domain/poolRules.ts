import type { Expression } from 'expr-eval-fork';
import type { FieldProblem } from './problems';
import type { ScaleGrade } from './ratingScale';
import { createRuleParser } from './reviewRules';
import type { TalentProfile } from './talentProfile';

/**
 * Talent-pool entry rules (issue 16): expressions in the rating rules' language (expr-eval, one configuration:
 * `createRuleParser`) over a person's talent profile, e.g. `min_annual(3) >= 4 and skill("系统设计") >= 4` — "A or
 * above in each of the last 3 years and 系统设计 ≥ 4" (grades as points: S 5, A 4, B 3, C 2, D 1; see gradePoints).
 * Plain figures are names (`potential >= 4`), the per-year and per-skill ones functions with a literal argument.
 * Every figure a rule reads is computed before it runs: one that is missing leaves the rule undecided (not
 * proposed), never silently true or false. Explained in zh-CN and en, figure by figure.
 */

export type Kind = 'grade' | 'number' | 'ratio' | 'count';
export type Text = { 'zh-CN': string; en: string };

/** The plain figures a rule may name. */
export const POOL_FIGURES: Record<string, { label: Text; kind: Kind; of: (p: TalentProfile) => number | null | undefined }> = {
  potential: { label: { 'zh-CN': '潜力', en: 'potential' }, kind: 'number', of: (p) => p.potential },
  goal_attainment: { label: { 'zh-CN': '目标达成率', en: 'goal attainment' }, kind: 'ratio', of: (p) => p.goals.mean },
  goal_variance: { label: { 'zh-CN': '目标达成波动（方差）', en: 'goal attainment variance' }, kind: 'number', of: (p) => p.goals.variance },
  on_time_rate: { label: { 'zh-CN': '按时更新率', en: 'on-time update rate' }, kind: 'ratio', of: (p) => p.onTimeRate },
  shared_goals: { label: { 'zh-CN': '跨部门共享目标', en: 'goals shared across departments' }, kind: 'count', of: (p) => p.collaboration.sharedGoals },
  projects: { label: { 'zh-CN': '参与项目数', en: 'projects worked in' }, kind: 'count', of: (p) => p.collaboration.projects },
  latest_grade: { label: { 'zh-CN': '最近一次绩效', en: 'latest grade' }, kind: 'grade', of: (p) => p.results.at(-1)?.points },
};

interface FnFigure {
  value: number | null;
  /** What it was computed from, per language ("2023 A、2024 A"), or why it is missing ("只有 2 年"). */
  detail?: Text;
}
interface PoolFunction {
  arg: 'years' | 'skill';
  kind: Kind;
  label: (arg: string | number) => Text;
  of: (p: TalentProfile, arg: string | number) => FnFigure;
}

const lastYears = (p: TalentProfile, n: number): FnFigure & { years?: TalentProfile['years'] } => {
  const years = p.years.slice(-n);
  if (years.length < n) return { value: null, detail: { 'zh-CN': `只有 ${p.years.length} 年`, en: `only ${p.years.length} year(s)` } };
  const list = years.map((y) => `${y.year} ${y.grade}`);
  return { value: 0, years, detail: { 'zh-CN': list.join('、'), en: list.join(', ') } };
};
const skillOf = (p: TalentProfile, name: string | number) => p.skills.find((s) => s.skill === String(name));

/** The functions a rule may call: their argument is a literal (a number of years, a skill name in quotes). */
export const POOL_FUNCTIONS: Record<string, PoolFunction> = {
  min_annual: {
    arg: 'years',
    kind: 'grade',
    label: (n) => ({ 'zh-CN': `近 ${n} 年最低年度绩效`, en: `lowest annual grade of the last ${n} years` }),
    of: (p, n) => {
      const f = lastYears(p, Number(n));
      return f.years ? { value: Math.min(...f.years.map((y) => y.points)), detail: f.detail } : f;
    },
  },
  mean_annual: {
    arg: 'years',
    kind: 'number',
    label: (n) => ({ 'zh-CN': `近 ${n} 年年度绩效均值`, en: `mean annual grade of the last ${n} years` }),
    of: (p, n) => {
      const f = lastYears(p, Number(n));
      return f.years ? { value: f.years.reduce((s, y) => s + y.points, 0) / f.years.length, detail: f.detail } : f;
    },
  },
  skill: {
    arg: 'skill',
    kind: 'number',
    label: (s) => ({ 'zh-CN': String(s), en: `skill ${s}` }),
    of: (p, s) => {
      const k = skillOf(p, s);
      return k ? { value: k.mean, detail: { 'zh-CN': `${k.scores.length} 次评分`, en: `${k.scores.length} rating(s)` } } : { value: null };
    },
  },
  skill_latest: {
    arg: 'skill',
    kind: 'number',
    label: (s) => ({ 'zh-CN': `${s}（最近一次）`, en: `skill ${s} (latest)` }),
    of: (p, s) => {
      const k = skillOf(p, s);
      return { value: k ? k.latest : null };
    },
  },
};

// The functions read the figures computed for the person being evaluated: set for the length of one synchronous
// evaluate() call (below), so a rule never reads anything but the figures listed before it ran.
let callTable: Map<string, number> | null = null;
export const callKey = (fn: string, arg: string | number) => `${fn}(${typeof arg === 'string' ? JSON.stringify(arg) : arg})`;
const lookup = (fn: string) => (arg: string | number) => {
  const v = callTable?.get(callKey(fn, arg));
  if (v === undefined) throw new Error(`no figure for ${callKey(fn, arg)}`);
  return v;
};
const parser = createRuleParser(Object.fromEntries(Object.keys(POOL_FUNCTIONS).map((fn) => [fn, lookup(fn)])));
/** expr-eval's own math functions (min, max, pow…) stay usable, as in rating rules. */
const MATH = new Set(Object.keys(parser.functions as Record<string, unknown>).filter((f) => !(f in POOL_FUNCTIONS)));

/** The parsed rule as a tree (from expr-eval's own RPN tokens), to check its shape and explain it part by part. */
export type RuleNode =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'var'; name: string }
  | { t: 'call'; name: string; args: RuleNode[] }
  | { t: 'op1'; op: string; a: RuleNode }
  | { t: 'op2'; op: string; a: RuleNode; b: RuleNode }
  | { t: 'other'; text: string };
interface Token {
  type: string;
  value: unknown;
}

function treeOf(tokens: Token[]): RuleNode {
  const stack: RuleNode[] = [];
  const pop = (): RuleNode => stack.pop() ?? { t: 'other', text: '?' };
  for (const tok of tokens) {
    if (tok.type === 'INUMBER') stack.push(typeof tok.value === 'string' ? { t: 'str', v: tok.value } : { t: 'num', v: Number(tok.value) });
    else if (tok.type === 'IVAR' || tok.type === 'IVARNAME') stack.push({ t: 'var', name: String(tok.value) });
    else if (tok.type === 'IEXPR') stack.push(treeOf(tok.value as Token[]));
    else if (tok.type === 'IOP1') stack.push({ t: 'op1', op: String(tok.value), a: pop() });
    else if (tok.type === 'IOP2') {
      const b = pop();
      stack.push({ t: 'op2', op: String(tok.value), a: pop(), b });
    } else if (tok.type === 'IFUNCALL') {
      const args = Array.from({ length: Number(tok.value) }, pop).reverse();
      const f = pop();
      stack.push(f.t === 'var' ? { t: 'call', name: f.name, args } : { t: 'other', text: 'call' });
    } else {
      const n = tok.type === 'IOP3' ? 3 : tok.type === 'IARRAY' ? Number(tok.value) : 0;
      for (let i = 0; i < n; i++) pop();
      stack.push({ t: 'other', text: tok.type === 'IOP3' ? '?:' : tok.type === 'IARRAY' ? '[]' : String(tok.value) });
    }
  }
  return stack.length === 1 ? stack[0] : { t: 'other', text: 'statements' };
}

function walk(node: RuleNode, visit: (n: RuleNode) => void): void {
  visit(node);
  if (node.t === 'call') node.args.forEach((a) => walk(a, visit));
  if (node.t === 'op1') walk(node.a, visit);
  if (node.t === 'op2') {
    walk(node.a, visit);
    walk(node.b, visit);
  }
}

const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=']);
/** A condition: comparisons, joined by and / or, possibly negated with not. */
const isCondition = (n: RuleNode): boolean =>
  (n.t === 'op2' && (COMPARISONS.has(n.op) || ((n.op === 'and' || n.op === 'or') && isCondition(n.a) && isCondition(n.b)))) ||
  (n.t === 'op1' && n.op === 'not' && isCondition(n.a));

export interface PoolCall {
  fn: string;
  arg: string | number;
  key: string;
}
export interface CompiledPoolRule {
  text: string;
  expression: Expression;
  tree: RuleNode;
  /** Plain figures it names. */
  variables: string[];
  /** Function calls with their literal arguments. */
  calls: PoolCall[];
}

const problem = (code: string, message: string, params?: Record<string, string | number>, field = 'rule'): FieldProblem => ({ field, code, message, ...(params ? { params } : {}) });

/**
 * Compiles a pool rule, or lists every problem with it: syntax, unknown names, a function not called or called
 * with the wrong argument, a figure called like a function, a skill no review template measures (when `skills` is
 * given), text outside a skill's argument, and a rule that is not a condition (comparisons joined by and/or).
 */
export function compilePoolRule(text: string, options: { skills?: ReadonlySet<string>; field?: string } = {}): { rule: CompiledPoolRule | null; problems: FieldProblem[] } {
  const field = options.field ?? 'rule';
  const p = (code: string, message: string, params?: Record<string, string | number>) => problem(code, message, params, field);
  if (!text.trim()) return { rule: null, problems: [p('rule_empty', 'a rule is required, e.g. min_annual(3) >= 4')] };
  let expression: Expression;
  try {
    expression = parser.parse(text);
  } catch (err) {
    return { rule: null, problems: [p('rule_syntax', `syntax: ${(err as Error).message}`, { detail: (err as Error).message })] };
  }
  const tree = treeOf((expression as unknown as { tokens: Token[] }).tokens);
  const problems: FieldProblem[] = [];
  const variables = new Set<string>();
  const calls = new Map<string, PoolCall>();
  const seen = new Set<string>();
  const once = (fp: FieldProblem) => {
    const key = `${fp.code}:${JSON.stringify(fp.params ?? {})}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(fp);
  };
  // text is only a pool function's argument (skill("系统设计"))
  const argNodes = new Set<RuleNode>();
  walk(tree, (n) => {
    if (n.t === 'call' && !MATH.has(n.name)) n.args.forEach((a) => argNodes.add(a));
  });
  walk(tree, (n) => {
    if (n.t === 'call') {
      const fn = POOL_FUNCTIONS[n.name];
      if (!fn && MATH.has(n.name)) return; // min(…), max(…): their arguments are checked like the rest
      if (!fn) {
        if (POOL_FIGURES[n.name]) once(p('rule_not_a_function', `"${n.name}" is a figure, not a function: write it without ( )`, { name: n.name }));
        else once(p('rule_unknown_name', `unknown name "${n.name}"`, { name: n.name }));
        return;
      }
      const arg = n.args.length === 1 ? n.args[0] : null;
      if (fn.arg === 'years') {
        if (!arg || arg.t !== 'num' || !Number.isInteger(arg.v) || arg.v < 1 || arg.v > 10) return once(p('rule_argument_years', `${n.name}( ) takes a number of years from 1 to 10, e.g. ${n.name}(3)`, { name: n.name }));
        calls.set(callKey(n.name, arg.v), { fn: n.name, arg: arg.v, key: callKey(n.name, arg.v) });
      } else {
        if (!arg || arg.t !== 'str' || !arg.v.trim()) return once(p('rule_argument_skill', `${n.name}( ) takes a skill name in quotes, e.g. ${n.name}("系统设计")`, { name: n.name }));
        if (options.skills && !options.skills.has(arg.v)) once(p('rule_unknown_skill', `no review template rates the skill "${arg.v}"`, { skill: arg.v }));
        calls.set(callKey(n.name, arg.v), { fn: n.name, arg: arg.v, key: callKey(n.name, arg.v) });
      }
    } else if (n.t === 'var') {
      if (POOL_FUNCTIONS[n.name]) once(p('rule_not_called', `"${n.name}" is a function: write ${n.name}(…)`, { name: n.name }));
      else if (POOL_FIGURES[n.name]) variables.add(n.name);
      else once(p('rule_unknown_name', `unknown name "${n.name}"`, { name: n.name }));
    } else if (n.t === 'str' && !argNodes.has(n)) {
      once(p('rule_text_value', `text "${n.v}" can only be a skill's name, e.g. skill("${n.v}")`, { text: n.v }));
    }
  });
  if (!isCondition(tree)) once(p('rule_not_condition', 'a rule must compare, e.g. potential >= 4, joined by and / or'));
  if (problems.length === 0) {
    // a trial run with every figure at 1: it must run and give true or false
    try {
      const result: unknown = run(expression, [...variables], new Map([...calls.keys()].map((k) => [k, 1])), 1);
      if (typeof result !== 'boolean') once(p('rule_not_condition', 'a rule must compare, e.g. potential >= 4, joined by and / or'));
    } catch (err) {
      once(p('rule_evaluation', `cannot be evaluated: ${(err as Error).message}`, { detail: (err as Error).message }));
    }
  }
  if (problems.length) return { rule: null, problems };
  return { rule: { text, expression, tree, variables: [...variables], calls: [...calls.values()] }, problems: [] };
}

function run(expression: Expression, variables: string[], table: Map<string, number>, fill?: number, values: Record<string, number> = {}): unknown {
  callTable = table;
  try {
    return expression.evaluate(Object.fromEntries(variables.map((v) => [v, fill ?? values[v]])));
  } finally {
    callTable = null;
  }
}

export interface PoolFigure {
  key: string;
  label: Text;
  kind: Kind;
  value: number | null;
  detail?: Text;
}
export interface PoolOutcome {
  /** true: the person qualifies; false: does not; null: undecided (a figure is missing). */
  applies: boolean | null;
  figures: Record<string, PoolFigure>;
  missing: PoolFigure[];
}

/** The figures a rule reads, computed from the profile, by key (`potential`, `skill("系统设计")`). */
export function poolFigures(rule: CompiledPoolRule, profile: TalentProfile): Record<string, PoolFigure> {
  const out: Record<string, PoolFigure> = {};
  for (const v of rule.variables) {
    const f = POOL_FIGURES[v];
    const value = f.of(profile);
    out[v] = { key: v, label: f.label, kind: f.kind, value: value == null || !Number.isFinite(value) ? null : value };
  }
  for (const c of rule.calls) {
    const fn = POOL_FUNCTIONS[c.fn];
    const f = fn.of(profile, c.arg);
    out[c.key] = { key: c.key, label: fn.label(c.arg), kind: fn.kind, value: f.value != null && Number.isFinite(f.value) ? f.value : null, ...(f.detail ? { detail: f.detail } : {}) };
  }
  return out;
}

/** Evaluates a compiled rule for one profile. A missing figure leaves it undecided. */
export function evaluatePoolRule(rule: CompiledPoolRule, profile: TalentProfile): PoolOutcome {
  const figures = poolFigures(rule, profile);
  const missing = Object.values(figures).filter((f) => f.value === null);
  if (missing.length) return { applies: null, figures, missing };
  const values = Object.fromEntries(rule.variables.map((v) => [v, figures[v].value as number]));
  const table = new Map(rule.calls.map((c) => [c.key, figures[c.key].value as number]));
  return { applies: Boolean(run(rule.expression, rule.variables, table, undefined, values)), figures, missing };
}
