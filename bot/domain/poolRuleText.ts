import { callKey, type CompiledPoolRule, type Kind, type PoolFigure, type PoolOutcome, type RuleNode, type Text } from './poolRules';
import type { ScaleGrade } from './ratingScale';

/**
 * A pool rule's outcome for one person in words, zh-CN and en, part by part: "近 3 年年度绩效均 ≥ A（2023 A、2024 A、
 * 2025 A）；系统设计 4.5 ≥ 4" / "A or above in each of the last 3 years (2023 A, 2024 A, 2025 A); skill 系统设计 4.5 ≥ 4".
 * A part that does not hold says so ("系统设计 3.5（条件 ≥ 4）"); an undecided rule names what is missing.
 */
export type Locale = 'zh-CN' | 'en';

const SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=', '!=': '≠', '>': '>', '<': '<' };
const FLIP: Record<string, string> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '==': '==', '!=': '!=' };

const round = (v: number, digits = 2) => String(Math.round(v * 10 ** digits) / 10 ** digits);

/** A figure as people read it: grade points as the grade (4 → A), ratios as percentages. */
export function formatPoolFigure(value: number, kind: Kind, scale: ScaleGrade[]): string {
  if (kind === 'grade' && Number.isInteger(value) && value >= 1 && value <= scale.length) return scale[scale.length - value].key;
  if (kind === 'ratio') return `${round(value * 100, 1)}%`;
  if (kind === 'count') return String(Math.round(value));
  return round(value, kind === 'number' && Math.abs(value) < 0.1 && value !== 0 ? 4 : 2);
}

function holds(a: number, op: string, b: number): boolean {
  switch (op) {
    case '>=': return a >= b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '<': return a < b;
    case '==': return a === b;
    default: return a !== b;
  }
}

const keyOf = (n: RuleNode): string | null =>
  n.t === 'var' ? n.name : n.t === 'call' && n.args.length === 1 && (n.args[0].t === 'num' || n.args[0].t === 'str') ? callKey(n.name, n.args[0].v) : null;

function nodeText(n: RuleNode): string {
  switch (n.t) {
    case 'num': return String(n.v);
    case 'str': return JSON.stringify(n.v);
    case 'var': return n.name;
    case 'call': return `${n.name}(${n.args.map(nodeText).join(', ')})`;
    case 'op1': return `${n.op} (${nodeText(n.a)})`;
    case 'op2': return `${nodeText(n.a)} ${n.op} ${nodeText(n.b)}`;
    default: return n.text;
  }
}

function describe(n: RuleNode, figures: Record<string, PoolFigure>, scale: ScaleGrade[], locale: Locale): string {
  const zh = locale === 'zh-CN';
  const sub = (x: RuleNode, wrap: boolean) => {
    const text = describe(x, figures, scale, locale);
    return wrap ? (zh ? `（${text}）` : `(${text})`) : text;
  };
  if (n.t === 'op2' && n.op === 'and') return `${sub(n.a, n.a.t === 'op2' && n.a.op === 'or')}${zh ? '；' : '; '}${sub(n.b, n.b.t === 'op2' && n.b.op === 'or')}`;
  if (n.t === 'op2' && n.op === 'or') return `${sub(n.a, n.a.t === 'op2' && n.a.op === 'and')}${zh ? ' 或 ' : ' or '}${sub(n.b, n.b.t === 'op2' && n.b.op === 'and')}`;
  if (n.t === 'op1' && n.op === 'not') return zh ? `并非（${sub(n.a, false)}）` : `not (${sub(n.a, false)})`;
  if (n.t !== 'op2' || !SYMBOL[n.op]) return nodeText(n);
  // figure <op> number, or number <op> figure (read the other way round)
  let [fig, num, op] = [n.a, n.b, n.op];
  if (keyOf(n.b) && n.a.t === 'num') [fig, num, op] = [n.b, n.a, FLIP[n.op]];
  const key = keyOf(fig);
  const f = key ? figures[key] : undefined;
  const label = (x: PoolFigure) => x.label[locale];
  const detail = (x: PoolFigure) => (x.detail ? (zh ? `（${x.detail[locale]}）` : ` (${x.detail[locale]})`) : '');
  if (f && num.t === 'num') {
    if (f.value === null) return zh ? `${label(f)}：缺少数据${detail(f)}` : `${label(f)}: no figure${detail(f)}`;
    const threshold = formatPoolFigure(num.v, f.kind, scale);
    const ok = holds(f.value, op, num.v);
    if (ok && op === '>=' && fig.t === 'call' && fig.name === 'min_annual') {
      const years = fig.args[0].t === 'num' ? fig.args[0].v : '';
      return zh ? `近 ${years} 年年度绩效均 ≥ ${threshold}${detail(f)}` : `${threshold} or above in each of the last ${years} years${detail(f)}`;
    }
    const value = `${label(f)} ${formatPoolFigure(f.value, f.kind, scale)}`;
    if (ok) return `${value} ${SYMBOL[op]} ${threshold}${detail(f)}`;
    return zh ? `${value}（条件 ${SYMBOL[op]} ${threshold}）` : `${value} (rule: ${SYMBOL[op]} ${threshold})`;
  }
  // anything else: the condition as written, with the figures it used
  const used: string[] = [];
  const visit = (x: RuleNode) => {
    const k = keyOf(x);
    const g = k ? figures[k] : undefined;
    if (g) used.push(`${label(g)} ${g.value === null ? '—' : formatPoolFigure(g.value, g.kind, scale)}`);
    else if (x.t === 'op2') (visit(x.a), visit(x.b));
    else if (x.t === 'op1') visit(x.a);
    else if (x.t === 'call') x.args.forEach(visit);
  };
  visit(n);
  return `${nodeText(n)}${used.length ? (zh ? `（${used.join('、')}）` : ` (${used.join(', ')})`) : ''}`;
}

/** The outcome in one language; a rule that does not hold or is undecided says so first. */
export function explainPoolRule(rule: CompiledPoolRule, outcome: PoolOutcome, scale: ScaleGrade[], locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (outcome.applies === null) {
    const what = outcome.missing.map((f) => `${f.label[locale]}${f.detail ? (zh ? `（${f.detail[locale]}）` : ` (${f.detail[locale]})`) : ''}`);
    return zh ? `未判定，缺少数据：${what.join('、')}` : `undecided, missing: ${what.join(', ')}`;
  }
  const text = describe(rule.tree, outcome.figures, scale, locale);
  if (outcome.applies) return text;
  return zh ? `不符合：${text}` : `does not qualify: ${text}`;
}

/** Both languages, as stored with a proposal. */
export function explainPoolRuleBoth(rule: CompiledPoolRule, outcome: PoolOutcome, scale: ScaleGrade[]): Text {
  return { 'zh-CN': explainPoolRule(rule, outcome, scale, 'zh-CN'), en: explainPoolRule(rule, outcome, scale, 'en') };
}
