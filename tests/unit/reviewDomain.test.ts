import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { DEMO_METRICS, DEMO_TEMPLATES, seedDemoTemplates } from '../../db/seed/demoTemplates';
import { better, DEFAULT_SCALE, gradeFor, gradeScore, rankOf, scaleProblems, type ScaleGrade } from '../../bot/domain/ratingScale';
import { compileRule, evaluateRule, explainRule, formatFigure, ruleProblems, type FigureLabel, type RuleOutcome } from '../../bot/domain/reviewRules';
import { metricScore, scoreReview, type ScoreInputs } from '../../bot/domain/reviewScore';
import type { TemplateBody, TemplateRule } from '../../bot/domain/reviewTemplate';
import { currentScale } from '../../bot/services/reviews/currentScale';
import { templateFor } from '../../bot/services/reviews/templateFor';
import { templateCatalogue, validateTemplate, type TemplateCatalogue } from '../../bot/services/reviews/validateTemplate';

const S = DEFAULT_SCALE;

describe('rating scale', () => {
  it.each([
    [100, 'S'], [90, 'S'], [89.9, 'A'], [80, 'A'], [79.99, 'B'], [65, 'B'], [64.9, 'C'], [50, 'C'], [49, 'D'], [0, 'D'], [-3, 'D'],
  ])('gradeFor(%s) = %s', (total, grade) => expect(gradeFor(S, total)).toBe(grade));

  it.each([
    ['S', 'A', true], ['A', 'S', false], ['B', 'B', false], ['D', 'C', false], ['C', 'D', true], ['D', 'X', true], ['X', 'D', false],
  ])('better(%s, %s) = %s', (a, b, want) => expect(better(S, a, b)).toBe(want));

  it.each([
    ['S', 95], ['A', 85], ['B', 72.5], ['C', 57.5], ['D', 25], ['X', 0],
  ])('gradeScore(%s) = %s, the middle of its band', (g, score) => expect(gradeScore(S, g)).toBe(score));

  it('ranks unknown grades below all', () => expect(rankOf(S, 'X')).toBe(S.length));

  const g = (key: string, min: number): ScaleGrade => ({ key, label: { 'zh-CN': key, en: key }, min });
  it.each<[string, ScaleGrade[], string[]]>([
    ['the default', S, []],
    ['one grade', [g('A', 0)], ['a scale needs at least two grades']],
    ['a repeated key', [g('A', 50), g('A', 0)], ['grade A appears twice']],
    ['bands not falling', [g('A', 50), g('B', 60), g('C', 0)], ['grade B must start below A (50)']],
    ['last above 0', [g('A', 50), g('B', 10)], ['the last grade (B) must start at 0']],
  ])('scaleProblems: %s', (_name, grades, problems) => expect(scaleProblems(grades)).toEqual(problems));
});

describe('metric scores', () => {
  it.each<[string, number, number, 'higher' | 'lower', number | undefined, number]>([
    ['higher: half the target', 50, 100, 'higher', undefined, 50],
    ['higher: above the target is full marks', 150, 100, 'higher', undefined, 100],
    ['higher: below 0 is nothing', -10, 100, 'higher', undefined, 0],
    ['higher with a floor: halfway', 0.75, 1, 'higher', 0.5, 50],
    ['higher with a floor: below it', 0.4, 1, 'higher', 0.5, 0],
    ['lower: the default floor is twice the target', 6, 4, 'lower', undefined, 50],
    ['lower: better than the target', 2, 4, 'lower', undefined, 100],
    ['lower: at the default floor', 8, 4, 'lower', undefined, 0],
    ['lower with a floor: one incident of three', 1, 0, 'lower', 3, (2 / 3) * 100],
    ['lower with a floor: past it', 5, 0, 'lower', 3, 0],
    ['target equals the floor: met', 0, 0, 'lower', undefined, 100],
    ['target equals the floor: missed', 1, 0, 'lower', undefined, 0],
  ])('%s', (_name, value, target, direction, floor, want) => expect(metricScore(value, target, direction, floor)).toBeCloseTo(want, 6));
});

const rule = (when: string, effect: TemplateRule['effect'], extra: Partial<TemplateRule> = {}): TemplateRule => ({ when, effect, reason: 'r', ...extra });
const applied = (r: TemplateRule, applies: boolean | null = true): RuleOutcome => ({ rule: r, applies, missing: [], values: {} });

describe('scoring a review', () => {
  const body: TemplateBody = {
    name: 't',
    jobFunction: 'sales',
    sections: [
      { title: 'results', weight: 60, items: [{ kind: 'metric', metric: 'a', target: 100, weight: 50 }, { kind: 'metric', metric: 'b', target: 100, weight: 50 }] },
      { title: 'people', weight: 40, items: [{ kind: 'goals', weight: 50 }, { kind: 'rating', label: 'x', weight: 50 }, { kind: 'text', label: 'y' }] },
    ],
    rules: [],
  };
  const inputs: ScoreInputs = { metrics: { a: 80, b: 60 }, directions: {}, goalAttainment: 0.9, ratings: { s1i1: 'A' } };

  it('weights items into sections and sections into the total', () => {
    const s = scoreReview(body, S, inputs, []);
    expect(s.sections.map((x) => x.score)).toEqual([70, 87.5]);
    expect(s.total).toBe(77); // 0.6·70 + 0.4·87.5
    expect(s.byTotal).toBe('B');
    expect(s.suggested).toBe('B');
    expect(s.items.map((i) => [i.id, i.score])).toEqual([['s0i0', 80], ['s0i1', 60], ['s1i0', 90], ['s1i1', 85], ['s1i2', null]]);
  });

  it.each<[string, Partial<ScoreInputs>, number | null]>([
    ['a missing metric: the section is what is known', { metrics: { a: 80 } }, 0.6 * 80 + 0.4 * 87.5],
    ['no rating yet: goals alone make the section', { ratings: {} }, 0.6 * 70 + 0.4 * 90],
    ['a whole section unknown: the other is the total', { metrics: {} }, 87.5],
    ['nothing known', { metrics: {}, goalAttainment: undefined, ratings: {} }, null],
  ])('missing items renormalise: %s', (_name, change, total) => {
    const s = scoreReview(body, S, { ...inputs, ...change }, []);
    if (total === null) expect(s.total).toBeNull();
    else expect(s.total).toBeCloseTo(total, 1);
  });

  it.each<[string, RuleOutcome[], { cap: string | null; floor: string | null; suggested: string | null; flags: string[] }]>([
    ['caps take the strictest', [applied(rule('x', 'cap', { grade: 'A' })), applied(rule('y', 'cap', { grade: 'C' })), applied(rule('z', 'cap', { grade: 'B' }))], { cap: 'C', floor: null, suggested: 'C', flags: [] }],
    ['a cap above the grade changes nothing', [applied(rule('x', 'cap', { grade: 'A' }))], { cap: 'A', floor: null, suggested: 'B', flags: [] }],
    ['floors take the highest', [applied(rule('x', 'floor', { grade: 'D' })), applied(rule('y', 'floor', { grade: 'A' })), applied(rule('z', 'floor', { grade: 'C' }))], { cap: null, floor: 'A', suggested: 'A', flags: [] }],
    ['rules that do not apply or are undecided count for nothing', [applied(rule('x', 'cap', { grade: 'D' }), false), applied(rule('y', 'cap', { grade: 'D' }), null)], { cap: null, floor: null, suggested: 'B', flags: [] }],
    ['every flag', [applied(rule('x', 'flag', { flag: 'needs-improvement' })), applied(rule('y', 'flag', { flag: 'other' }))], { cap: null, floor: null, suggested: 'B', flags: ['needs-improvement', 'other'] }],
  ])('%s', (_name, outcomes, want) => {
    const s = scoreReview(body, S, inputs, outcomes);
    expect({ cap: s.cap, floor: s.floor, suggested: s.suggested, flags: s.flags.map((f) => f.flag) }).toEqual(want);
  });
});

describe('rules', () => {
  const known = new Set(['collection_rate', 'major_incidents', 'goal_attainment']);
  it.each<[string, string[] | RegExp]>([
    ['collection_rate < 0.8', []],
    ['major_incidents > 2 and goal_attainment < 0.5', []],
    ['max(collection_rate, goal_attainment) >= 0.9', []],
    ['collection_rate <', /^syntax: /],
    ['foo_rate < 1', ['unknown metric "foo_rate"']],
    ['random() > 0.5', ['unknown metric "random"']],
    ['collection_rate.value > 1', /^syntax: .*member access/],
    ['x = 1', /^syntax: /],
    ['collection_rate', ['a condition must compare, e.g. collection_rate < 0.8']],
    ['collection_rate(1) > 0', /^cannot be evaluated: /],
  ])('ruleProblems(%s)', (when, want) => {
    const got = ruleProblems(when, known);
    if (want instanceof RegExp) {
      expect(got).toHaveLength(1);
      expect(got[0]).toMatch(want);
    } else expect(got).toEqual(want);
  });

  const cap = rule('collection_rate < 0.8', 'cap', { grade: 'B', reason: { 'zh-CN': '回款完成率低于 80%，最高 B', en: 'collection rate below 80%: at most B' } });
  it.each<[string, Record<string, number | undefined>, boolean | null, string[]]>([
    ['applies', { collection_rate: 0.72 }, true, []],
    ['does not apply', { collection_rate: 0.92 }, false, []],
    ['at the line', { collection_rate: 0.8 }, false, []],
    ['a missing figure leaves it undecided', {}, null, ['collection_rate']],
    ['so does a figure that is no number', { collection_rate: Number.NaN }, null, ['collection_rate']],
  ])('evaluateRule: %s', (_name, figures, applies, missing) => {
    expect(evaluateRule(compileRule(cap), figures)).toMatchObject({ applies, missing });
  });

  it('an expression that fails at run time stays undecided instead of throwing', () => {
    const o = evaluateRule(compileRule(rule('collection_rate(1) > 0', 'cap', { grade: 'B' })), { collection_rate: 1 });
    expect(o.applies).toBeNull();
    expect(o.error).toBeTruthy();
  });

  const labels: Record<string, FigureLabel> = {
    collection_rate: { label: { 'zh-CN': '回款完成率', en: 'collection rate' }, ratio: true },
    major_incidents: { label: { 'zh-CN': '重大事故', en: 'major incidents' }, ratio: false },
  };
  const flag = rule('major_incidents > 2', 'flag', { flag: 'needs-improvement', reason: { 'zh-CN': '重大事故超过 2 次', en: 'more than two major incidents' } });
  it.each<[string, TemplateRule, Record<string, number>, string, string]>([
    ['a cap that applies', cap, { collection_rate: 0.72 }, '回款完成率 72% < 80%：最高 B（回款完成率低于 80%，最高 B）', 'collection rate 72% < 80%: at most B (collection rate below 80%: at most B)'],
    ['a flag that applies', flag, { major_incidents: 3 }, '重大事故 3 > 2：标记「needs-improvement」（重大事故超过 2 次）', 'major incidents 3 > 2: flag "needs-improvement" (more than two major incidents)'],
    ['a cap that does not apply', cap, { collection_rate: 0.92 }, '回款完成率 92%（条件 < 80%）：不适用（回款完成率低于 80%，最高 B）', 'collection rate 92% (rule: < 80%): does not apply (collection rate below 80%: at most B)'],
    ['undecided', cap, {}, '未判定，缺少数据：回款完成率（回款完成率低于 80%，最高 B）', 'undecided, no figure for collection rate (collection rate below 80%: at most B)'],
    ['a compound rule', rule('collection_rate < 0.8 and major_incidents > 0', 'floor', { grade: 'C', reason: 'both' }), { collection_rate: 0.5, major_incidents: 1 }, 'both (回款完成率 50%, 重大事故 1)：最低 C', 'both (collection rate 50%, major incidents 1): at least C'],
  ])('explainRule: %s', (_name, r, figures, zh, en) => {
    const o = evaluateRule(compileRule(r), figures);
    expect(explainRule(o, labels, 'zh-CN')).toBe(zh);
    expect(explainRule(o, labels, 'en')).toBe(en);
  });

  it.each<[number, FigureLabel | undefined, string]>([
    [0.72, labels.collection_rate, '72%'], [0.805, labels.collection_rate, '80.5%'], [3, labels.major_incidents, '3'], [4.256, { label: 'h', ratio: false, unit: 'h' }, '4.26 h'], [7, undefined, '7'],
  ])('formatFigure(%s)', (value, label, want) => expect(formatFigure(value, label)).toBe(want));
});

describe('validateTemplate', () => {
  const catalogue: TemplateCatalogue = {
    metrics: new Map<string, 'higher' | 'lower'>([['collection_rate', 'higher'], ['major_incidents', 'lower'], ['signed_amount', 'higher']]),
    scale: S,
  };
  const valid = {
    name: 'Sales',
    jobFunction: 'sales',
    sections: [
      { title: 'results', weight: 60, items: [{ kind: 'metric', metric: 'signed_amount', target: 100, weight: 70 }, { kind: 'metric', metric: 'collection_rate', target: 1, floor: 0.5, weight: 30 }] },
      { title: 'people', weight: 40, items: [{ kind: 'goals', weight: 33.3 }, { kind: 'rating', label: 'p', weight: 33.3, potential: true }, { kind: 'rating', label: 'q', weight: 33.4 }, { kind: 'text', label: 'c' }] },
      { title: 'comments', weight: 0, items: [{ kind: 'text', label: 'anything else?' }] },
    ],
    rules: [
      { when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: { 'zh-CN': '回款', en: 'collection' } },
      { when: 'major_incidents > 2 or goal_attainment < 0.3', effect: 'flag', flag: 'needs-improvement', reason: 'incidents' },
      { when: 'points > 100', effect: 'floor', grade: 'C', reason: 'engaged' },
    ],
  };
  type Body = typeof valid;
  const section = (i: number, change: object) => (b: Body) => ({ ...b, sections: b.sections.map((s, j) => (j === i ? { ...s, ...change } : s)) });
  const item = (si: number, ii: number, change: object) => (b: Body) => ({ ...b, sections: b.sections.map((s, j) => (j === si ? { ...s, items: s.items.map((x, k) => (k === ii ? { ...x, ...change } : x)) } : s)) });
  const ruleAt = (i: number, change: object) => (b: Body) => ({ ...b, rules: b.rules.map((r, j) => (j === i ? { ...r, ...change } : r)) });

  it('accepts a valid body and returns it parsed', () => {
    const { body, problems } = validateTemplate(valid, catalogue);
    expect(problems).toEqual([]);
    expect(body).toEqual(valid);
  });

  it.each<[string, (b: Body) => unknown, string[]]>([
    ['section weights', section(0, { weight: 50 }), ['sections']],
    ['item weights', item(0, 0, { weight: 60 }), ['sections.0.items']],
    ['text items carry no weight', section(1, { items: [{ kind: 'goals', weight: 100 }, { kind: 'text', label: 'x' }] }), []],
    ['a weighted section of text only', (b) => section(2, { weight: 10 })(section(0, { weight: 50 })(b)), ['sections.2.weight']],
    ['an unknown metric', item(0, 0, { metric: 'foo_rate' }), ['sections.0.items.0.metric']],
    ['a goal figure as a metric item', item(0, 0, { metric: 'goal_attainment' }), ['sections.0.items.0.metric']],
    ['a floor on the wrong side', item(0, 1, { floor: 1.5 }), ['sections.0.items.1.floor']],
    ['a target that scores like its floor', item(0, 0, { target: 0 }), ['sections.0.items.0.target']],
    ['rule syntax', ruleAt(0, { when: 'collection_rate <' }), ['rules.0.when']],
    ['an unknown name in a rule', ruleAt(0, { when: 'foo_rate < 1' }), ['rules.0.when']],
    ['a cap without a grade', ruleAt(0, { grade: undefined }), ['rules.0.grade']],
    ['a grade off the scale', ruleAt(2, { grade: 'X' }), ['rules.2.grade']],
    ['a flag rule without a flag', ruleAt(1, { flag: undefined }), ['rules.1.flag']],
    ['a schema problem and the rest still checked', (b) => ruleAt(0, { grade: 'X' })(section(1, { title: '' })(b)), ['rules.0.grade', 'sections.1.title']],
    ['an unknown field', (b) => ({ ...b, owner: 'x' }), ['']],
    ['no object at all', () => 'nope', ['']],
    [
      'all at once',
      (b) => ruleAt(1, { flag: undefined })(ruleAt(0, { when: 'collection_rate <', grade: 'X' })(item(0, 0, { metric: 'foo_rate' })(section(0, { weight: 50 })(b)))),
      ['rules.0.grade', 'rules.0.when', 'rules.1.flag', 'sections', 'sections.0.items.0.metric'],
    ],
  ])('%s', (_name, change, paths) => {
    const { body, problems } = validateTemplate(change(valid), catalogue);
    expect(problems.map((p) => p.path).sort()).toEqual(paths);
    expect(body === null).toBe(paths.length > 0);
  });

  it('leaves weights alone when asked (the live preview)', () => {
    expect(validateTemplate(section(0, { weight: 10 })(valid), catalogue, { weights: false }).problems).toEqual([]);
  });

  it('checks grades against the scale it is given', () => {
    const scale: ScaleGrade[] = [{ key: '优', label: { 'zh-CN': '优', en: 'good' }, min: 60 }, { key: '差', label: { 'zh-CN': '差', en: 'poor' }, min: 0 }];
    expect(validateTemplate(valid, { ...catalogue, scale }).problems.map((p) => p.path)).toEqual(['rules.0.grade', 'rules.2.grade']);
    expect(validateTemplate(ruleAt(2, { grade: '优' })(ruleAt(0, { grade: '差' })(valid)), { ...catalogue, scale }).problems).toEqual([]);
  });
});

describe('demo templates', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.$client.close());

  it('seeds the metric definitions it needs and a valid template per job function, once', () => {
    expect(seedDemoTemplates(db, new Date('2026-11-01T00:00:00Z'))).toEqual({ metrics: DEMO_METRICS.length, templates: 7 });
    expect(seedDemoTemplates(db, new Date('2026-11-02T00:00:00Z'))).toEqual({ metrics: 0, templates: 0 });
    const catalogue = templateCatalogue(db);
    for (const body of DEMO_TEMPLATES) {
      expect(validateTemplate(body, catalogue).problems, body.jobFunction).toEqual([]);
      const items = body.sections.flatMap((s) => s.items);
      expect(items.some((i) => i.kind === 'rating' && i.potential), `${body.jobFunction}: potential`).toBe(true);
      expect(items.some((i) => i.kind === 'text'), `${body.jobFunction}: text`).toBe(true);
    }
    expect(DEMO_TEMPLATES.map((b) => b.jobFunction).sort()).toEqual(['customer_success', 'default', 'hr', 'product', 'rnd', 'sales', 'support']);
    expect(templateFor(db, 'sales')!.body.rules).toEqual([expect.objectContaining({ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B' })]);
    expect(templateFor(db, 'rnd')!.body.rules).toEqual([expect.objectContaining({ when: 'major_incidents > 2', effect: 'flag', flag: 'needs-improvement' })]);
  });

  it('keeps definitions and templates that are already there', () => {
    db.$client.exec(`insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values ('satisfaction', '客户满意度', 'CSAT', '分', 'higher', 'mean', 'x', 'x')`);
    db.$client.exec(`insert into review_templates (name, job_function, current_version, created_at, updated_at) values ('ours', 'sales', 1, 'x', 'x')`);
    expect(seedDemoTemplates(db, new Date())).toEqual({ metrics: DEMO_METRICS.length - 1, templates: 6 });
    expect(db.$client.prepare(`select label_en as l from metric_definitions where key = 'satisfaction'`).get()).toEqual({ l: 'CSAT' });
    expect(db.$client.prepare(`select name from review_templates where job_function = 'sales'`).all()).toEqual([{ name: 'ours' }]);
  });

  it('templateFor falls back to default, and reads the current version', () => {
    expect(templateFor(db, 'sales')).toBeUndefined();
    seedDemoTemplates(db, new Date());
    expect(templateFor(db, 'management')!.jobFunction).toBe('default');
    const rnd = templateFor(db, 'rnd')!;
    db.$client.prepare(`insert into review_template_versions (template_id, version, body, created_at) values (?, 2, ?, 'x')`).run(rnd.templateId, JSON.stringify({ ...rnd.body, name: 'v2' }));
    db.$client.prepare(`update review_templates set current_version = 2 where id = ?`).run(rnd.templateId);
    expect(templateFor(db, 'rnd')).toMatchObject({ version: 2, name: rnd.name, body: { name: 'v2' } });
  });

  it('currentScale: the newest saved scale, else the default', () => {
    expect(currentScale(db)).toEqual(DEFAULT_SCALE);
    const mine: ScaleGrade[] = [{ key: 'P', label: { 'zh-CN': '通过', en: 'pass' }, min: 60 }, { key: 'F', label: { 'zh-CN': '未通过', en: 'fail' }, min: 0 }];
    db.$client.prepare(`insert into rating_scales (grades, created_at) values (?, 'x'), (?, 'y')`).run(JSON.stringify(DEFAULT_SCALE), JSON.stringify(mine));
    expect(currentScale(db)).toEqual(mine);
  });
});
