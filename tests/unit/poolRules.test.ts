import { describe, expect, it } from 'vitest';
import { compilePoolRule, evaluatePoolRule, type CompiledPoolRule } from '../../bot/domain/poolRules';
import { explainPoolRule, explainPoolRuleBoth } from '../../bot/domain/poolRuleText';
import { DEFAULT_SCALE } from '../../bot/domain/ratingScale';
import { compileRule, evaluateRule } from '../../bot/domain/reviewRules';
import type { TalentProfile } from '../../bot/domain/talentProfile';

const S = DEFAULT_SCALE;
const POINTS: Record<string, number> = { S: 5, A: 4, B: 3, C: 2, D: 1 };

function profile(over: { years?: string[]; skills?: Record<string, number[]>; potential?: number | null; goals?: number | null; variance?: number | null; onTime?: number | null } = {}): TalentProfile {
  const years = (over.years ?? ['A', 'A', 'A']).map((grade, i) => ({ year: 2023 + i, cycleId: 10 + i, grade, points: POINTS[grade] }));
  const skills = Object.entries(over.skills ?? { 系统设计: [4, 5], 技术文档: [4] }).map(([skill, scores]) => ({
    skill,
    scores: scores.map((points, i) => ({ cycleId: 10 + i, periodEnd: `${2023 + i}-12-31`, points })),
    latest: scores.at(-1)!,
    mean: scores.reduce((a, b) => a + b, 0) / scores.length,
  }));
  return {
    personId: 1,
    results: years.map((y) => ({ cycleId: y.cycleId, cycleName: `${y.year} 年度`, kind: 'annual' as const, periodStart: `${y.year}-01-01`, periodEnd: `${y.year}-12-31`, grade: y.grade, points: y.points, managerGrade: null, potential: 4 })),
    years,
    goals: { periods: [], mean: over.goals === undefined ? 0.92 : over.goals, variance: over.variance === undefined ? 0.004 : over.variance },
    onTimeRate: over.onTime === undefined ? 0.875 : over.onTime,
    collaboration: { sharedGoals: 2, projects: 3 },
    skills,
    potential: over.potential === undefined ? 4 : over.potential,
  };
}

const compile = (text: string, skills?: string[]): CompiledPoolRule => {
  const { rule, problems } = compilePoolRule(text, skills ? { skills: new Set(skills) } : {});
  expect(problems).toEqual([]);
  return rule!;
};
const ARCHITECT = 'min_annual(3) >= 4 and skill("系统设计") >= 4';

describe('pool rules: validation lists every problem with a code', () => {
  const codes = (text: string, skills?: string[]) => compilePoolRule(text, skills ? { skills: new Set(skills) } : {}).problems.map((p) => [p.code, p.params ?? {}]);

  it('accepts the architect rule and plain figures', () => {
    expect(compilePoolRule(ARCHITECT, { skills: new Set(['系统设计']) }).problems).toEqual([]);
    expect(compilePoolRule('potential >= 4 and (goal_attainment >= 0.9 or on_time_rate > 0.8) and not (goal_variance > 0.05)').problems).toEqual([]);
    expect(compilePoolRule('max(skill("系统设计"), skill_latest("技术文档")) >= 4 and latest_grade >= 4 and shared_goals + projects >= 3').problems).toEqual([]);
  });

  it('syntax errors carry the parser message', () => {
    const [p] = compilePoolRule('min_annual(3) >= ').problems;
    expect(p).toMatchObject({ field: 'rule', code: 'rule_syntax' });
    expect(p.message).toMatch(/^syntax: /);
    expect(compilePoolRule('skill(系统设计) >= 4').problems[0].code).toBe('rule_syntax');
    expect(compilePoolRule('   ').problems[0].code).toBe('rule_empty');
  });

  it('lists unknown names, misused functions and figures, all at once', () => {
    expect(codes('years_at_least_3 > 1 and skil("x") > 2 and potential(2) > 1 and min_annual >= 4 and skill(3) >= 4 and min_annual("3") >= 4 and min_annual(0) > 1')).toEqual([
      ['rule_unknown_name', { name: 'years_at_least_3' }],
      ['rule_unknown_name', { name: 'skil' }],
      ['rule_not_a_function', { name: 'potential' }],
      ['rule_not_called', { name: 'min_annual' }],
      ['rule_argument_skill', { name: 'skill' }],
      ['rule_argument_years', { name: 'min_annual' }],
    ]);
  });

  it('a skill no template rates, text outside a skill, and a rule that does not compare', () => {
    expect(codes('skill("烹饪") >= 4', ['系统设计'])).toEqual([['rule_unknown_skill', { skill: '烹饪' }]]);
    expect(codes('potential == "高"')).toEqual([['rule_text_value', { text: '高' }]]);
    expect(codes('potential')).toEqual([['rule_not_condition', {}]]);
    expect(codes('potential >= 4 and shared_goals')).toEqual([['rule_not_condition', {}]]);
    expect(codes('potential + 1')).toEqual([['rule_not_condition', {}]]);
  });

  it('rating rules are unaffected: their parser has no pool functions', () => {
    const compiled = compileRule({ when: 'skill > 1', effect: 'cap', grade: 'B', reason: { 'zh-CN': 'x', en: 'x' } });
    expect(compiled.variables).toEqual(['skill']);
    expect(evaluateRule(compiled, { skill: 2 }).applies).toBe(true);
    expect(() => compileRule({ when: 'random() > 0.5', effect: 'cap', grade: 'B', reason: { 'zh-CN': 'x', en: 'x' } }).expression.evaluate({})).toThrow();
  });
});

describe('pool rules: evaluation and explanation', () => {
  it('the source case: A three years running and 系统设计 ≥ 4, explained in both languages', () => {
    const rule = compile(ARCHITECT, ['系统设计']);
    const outcome = evaluatePoolRule(rule, profile({ years: ['A', 'S', 'A'], skills: { 系统设计: [4, 5] } }));
    expect(outcome.applies).toBe(true);
    expect(explainPoolRuleBoth(rule, outcome, S)).toEqual({
      'zh-CN': '近 3 年年度绩效均 ≥ A（2023 A、2024 S、2025 A）；系统设计 4.5 ≥ 4（2 次评分）',
      en: 'A or above in each of the last 3 years (2023 A, 2024 S, 2025 A); skill 系统设计 4.5 ≥ 4 (2 rating(s))',
    });
  });

  it('a year below A: does not qualify, and says which part failed', () => {
    const rule = compile(ARCHITECT);
    const outcome = evaluatePoolRule(rule, profile({ years: ['A', 'B', 'A'] }));
    expect(outcome.applies).toBe(false);
    expect(explainPoolRule(rule, outcome, S, 'zh-CN')).toBe('不符合：近 3 年最低年度绩效 B（条件 ≥ A）；系统设计 4.5 ≥ 4（2 次评分）');
    expect(explainPoolRule(rule, outcome, S, 'en')).toBe('does not qualify: lowest annual grade of the last 3 years B (rule: ≥ A); skill 系统设计 4.5 ≥ 4 (2 rating(s))');
  });

  it('only two years of history: undecided, never false', () => {
    const rule = compile(ARCHITECT);
    const outcome = evaluatePoolRule(rule, profile({ years: ['A', 'A'] }));
    expect(outcome.applies).toBeNull();
    expect(explainPoolRule(rule, outcome, S, 'zh-CN')).toBe('未判定，缺少数据：近 3 年最低年度绩效（只有 2 年）');
    expect(explainPoolRule(rule, outcome, S, 'en')).toBe('undecided, missing: lowest annual grade of the last 3 years (only 2 year(s))');
  });

  it('a skill never rated, or a figure without data: undecided (even under "or")', () => {
    const rule = compile('skill("客户沟通") >= 4 or potential >= 4');
    const outcome = evaluatePoolRule(rule, profile({ potential: 5 }));
    expect(outcome.applies).toBeNull();
    expect(outcome.missing.map((m) => m.key)).toEqual(['skill("客户沟通")']);
    expect(explainPoolRule(rule, outcome, S, 'en')).toBe('undecided, missing: skill 客户沟通');
    const none = evaluatePoolRule(compile('on_time_rate >= 0.8'), profile({ onTime: null }));
    expect(none.applies).toBeNull();
    expect(explainPoolRule(compile('on_time_rate >= 0.8'), none, S, 'zh-CN')).toBe('未判定，缺少数据：按时更新率');
  });

  it('ratios as percentages, or/not and a reversed comparison read naturally', () => {
    const rule = compile('goal_attainment >= 0.9 and (potential >= 5 or 0.8 < on_time_rate)');
    const outcome = evaluatePoolRule(rule, profile({ goals: 0.92, potential: 4, onTime: 0.875 }));
    expect(outcome.applies).toBe(true);
    expect(explainPoolRule(rule, outcome, S, 'zh-CN')).toBe('目标达成率 92% ≥ 90%；（潜力 4（条件 ≥ 5） 或 按时更新率 87.5% > 80%）');
    expect(explainPoolRule(rule, outcome, S, 'en')).toBe('goal attainment 92% ≥ 90%; (potential 4 (rule: ≥ 5) or on-time update rate 87.5% > 80%)');
    const other = compile('shared_goals + projects >= 3');
    expect(explainPoolRule(other, evaluatePoolRule(other, profile()), S, 'en')).toBe('shared_goals + projects >= 3 (goals shared across departments 2, projects worked in 3)');
  });

  it('evaluations do not leak into each other (figures are per person)', () => {
    const rule = compile('skill("系统设计") >= 4');
    expect(evaluatePoolRule(rule, profile({ skills: { 系统设计: [3] } })).applies).toBe(false);
    expect(evaluatePoolRule(rule, profile({ skills: { 系统设计: [5] } })).applies).toBe(true);
  });
});
