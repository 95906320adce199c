import type { Db } from '../../../db/client';
import { GOAL_FIGURES, compileRule, evaluateRule, explainRule, formatFigure, type FigureLabel, type RuleOutcome } from '../../domain/reviewRules';
import { scoreReview } from '../../domain/reviewScore';
import { itemId, localText, type TemplateBody } from '../../domain/reviewTemplate';
import type { ReviewFlag, ScaleGrade } from '../../../db/schema/reviews';
import type { DateRange } from '../metrics/metricPeriods';
import { preparedOnce } from '../preparedOnce';
import { figuresFor, ruleVariables, type PersonFigures } from './reviewFigures';

/** One review to compile: whose, which template version, what the manager rated so far. */
export interface DraftSubject {
  reviewId: number;
  personId: number;
  body: TemplateBody;
  ratings: Record<string, string>;
  flags: ReviewFlag[];
}

/** What a draft holds (stored in reviews.draft; GET /api/reviews/:id adds the rest). */
export interface Draft {
  /** `text`: the question as it was asked (questions are edited in the console; older drafts lack it). */
  standups: { week: string; answers: { question: number; text?: { 'zh-CN': string; en: string }; answer: string | null; late: boolean }[] }[];
  goals: { id: number; title: string; progress: number; checkIns: { at: string; onTime: boolean; value: number; auto: boolean }[] }[];
  metrics: { metric: string; label: { 'zh-CN': string; en: string }; value: number; display: string; source: string; sourceRef: string | null; fetchedAt: string | null; periods: string[] }[];
  figures: Record<string, number | undefined>;
  points: number;
  items: { id: string; kind: string; label: { 'zh-CN': string; en: string }; weight: number; score: number | null; value?: number; grade?: string }[];
  total: number | null;
  byTotal: string | null;
  suggestedGrade: string | null;
  cap: string | null;
  floor: string | null;
  rulesApplied: { effect: string; grade?: string; flag?: string; reason: { 'zh-CN': string; en: string }; explanation: { 'zh-CN': string; en: string } }[];
  undecided: { when: string; missing: string[] }[];
}

export interface CompiledDraft {
  reviewId: number;
  draft: Draft;
  flags: ReviewFlag[];
}

const both = (t: Parameters<typeof localText>[0]) => ({ 'zh-CN': localText(t, 'zh-CN'), en: localText(t, 'en') });

/**
 * Drafts many reviews of one cycle at once: a handful of queries for everyone (figures, standups, goals, check-ins),
 * then pure scoring per person. The standup log is summarised by week, goals carry their check-ins (on time or late),
 * metrics their source, and every rule that applied its explanation in both languages.
 */
export function compileDrafts(db: Db, range: DateRange, scale: ScaleGrade[], subjects: DraftSubject[]): CompiledDraft[] {
  const ids = subjects.map((s) => s.personId);
  const figures = figuresFor(db, ids, range);
  const labels = figureLabels(db);
  const directions = Object.fromEntries(
    preparedOnce(db, 'drafts.directions', () => db.$client.prepare<[], { key: string; direction: 'higher' | 'lower' }>(`select key, direction from metric_definitions`)).all().map((d) => [d.key, d.direction]),
  );
  const standups = standupsBy(db, range, ids);
  const goals = goalsBy(db, range, ids);
  return subjects.map((s) => {
    const f: PersonFigures = figures.get(s.personId) ?? { metrics: {}, points: 0 };
    const vars = ruleVariables(f);
    const outcomes: RuleOutcome[] = s.body.rules.map((rule) => evaluateRule(compiledRule(rule), vars));
    const scored = scoreReview(s.body, scale, { metrics: Object.fromEntries(Object.entries(f.metrics).map(([k, m]) => [k, m.value])), directions, goalAttainment: f.goalAttainment, ratings: s.ratings }, outcomes);
    const itemLabels = labelsOf(s.body, labels);
    const applied = outcomes.filter((o) => o.applies === true);
    const draft: Draft = {
      standups: standups.get(s.personId) ?? [],
      goals: goals.get(s.personId) ?? [],
      metrics: Object.entries(f.metrics).map(([metric, m]) => ({
        metric,
        label: (labels[metric]?.label as { 'zh-CN': string; en: string } | undefined) ?? { 'zh-CN': metric, en: metric },
        value: m.value,
        display: formatFigure(m.value, labels[metric]),
        source: m.source,
        sourceRef: m.sourceRef,
        fetchedAt: m.fetchedAt,
        periods: m.periods,
      })),
      figures: vars,
      points: f.points,
      items: scored.items.map((i) => ({ ...i, label: itemLabels.get(i.id)! })),
      total: scored.total,
      byTotal: scored.byTotal,
      suggestedGrade: scored.suggested,
      cap: scored.cap,
      floor: scored.floor,
      rulesApplied: applied.map((o) => ({
        effect: o.rule.effect,
        ...(o.rule.grade ? { grade: o.rule.grade } : {}),
        ...(o.rule.flag ? { flag: o.rule.flag } : {}),
        reason: both(o.rule.reason),
        explanation: { 'zh-CN': explainRule(o, labels, 'zh-CN'), en: explainRule(o, labels, 'en') },
      })),
      undecided: outcomes.filter((o) => o.applies === null).map((o) => ({ when: o.rule.when, missing: o.missing })),
    };
    // A flag stays (cleared or not) once raised; a newly applying flag rule adds it.
    const flags = [...s.flags];
    for (const { flag, outcome } of scored.flags) {
      if (!flags.some((x) => x.flag === flag)) flags.push({ flag, reason: explainRule(outcome, labels, 'zh-CN') + ' / ' + explainRule(outcome, labels, 'en') });
    }
    return { reviewId: s.reviewId, draft, flags };
  });
}

/** A template's rules are compiled once per body (a cycle's 10,000 reviews share a handful of bodies). */
const compiledRules = new WeakMap<object, ReturnType<typeof compileRule>>();
function compiledRule(rule: TemplateBody['rules'][number]): ReturnType<typeof compileRule> {
  let c = compiledRules.get(rule);
  if (!c) compiledRules.set(rule, (c = compileRule(rule)));
  return c;
}

/** The label of each item of a template body, by item id (once per body and figure catalogue). */
const itemLabelCache = new WeakMap<object, WeakMap<object, Map<string, { 'zh-CN': string; en: string }>>>();
function labelsOf(body: TemplateBody, labels: Record<string, FigureLabel>): Map<string, { 'zh-CN': string; en: string }> {
  let byLabels = itemLabelCache.get(body);
  if (!byLabels) itemLabelCache.set(body, (byLabels = new WeakMap()));
  let out = byLabels.get(labels);
  if (out) return out;
  out = new Map();
  for (const [si, section] of body.sections.entries()) {
    for (const [ii, item] of section.items.entries()) {
      const label = item.kind === 'metric' ? (labels[item.metric]?.label as { 'zh-CN': string; en: string } | undefined) ?? { 'zh-CN': item.metric, en: item.metric }
        : item.kind === 'goals' ? (item.label ? both(item.label) : { 'zh-CN': '目标达成', en: 'Goal attainment' })
        : both(item.label);
      out.set(itemId(si, ii), label);
    }
  }
  byLabels.set(labels, out);
  return out;
}

/** How each figure reads: the catalogue's labels and units, and the built-in goal figures. */
export function figureLabels(db: Db): Record<string, FigureLabel> {
  const out: Record<string, FigureLabel> = {};
  for (const [k, v] of Object.entries(GOAL_FIGURES)) out[k] = { label: { 'zh-CN': v['zh-CN'], en: v.en }, ratio: v.ratio };
  const defs = preparedOnce(db, 'drafts.figureLabels', () => db.$client
    .prepare<[], { key: string; labelZh: string; labelEn: string; unit: string; aggregation: string }>(
      `select key, label_zh as labelZh, label_en as labelEn, unit, aggregation from metric_definitions`,
    ))
    .all();
  for (const d of defs) out[d.key] = { label: { 'zh-CN': d.labelZh, en: d.labelEn }, ratio: d.aggregation === 'ratio' || d.unit === '%', unit: d.unit || undefined };
  return out;
}

/**
 * Each person's standups in the range, by week. Only the subjects' requests are read (standup_requests_person_idx):
 * reading everyone's and filtering in JS made a single review's view read the whole company's log. The question text
 * is the same JSON for everyone asked in a round, so each distinct text is parsed once and shared.
 */
function standupsBy(db: Db, range: DateRange, personIds: readonly number[]): Map<number, Draft['standups']> {
  const rows = preparedOnce(db, 'drafts.standups', () => db.$client
    .prepare<[string, string, string], { personId: number; week: string; question: number; text: string | null; answer: string | null; late: number }>(
      `select r.person_id as personId, sr.period_key as week, a.question_index as question, a.answer, a.late,
              json_extract(coalesce(r.questions, sr.questions), '$[' || a.question_index || ']') as text
       from json_each(?) j cross join standup_requests r on r.person_id = j.value
       join standup_rounds sr on sr.id = r.round_id join standup_answers a on a.request_id = r.id
       where r.due_date between ? and ? order by r.person_id, sr.period_key, a.question_index`,
    ))
    .all(JSON.stringify(personIds), range.start, range.end);
  const texts = new Map<string, { 'zh-CN': string; en: string }>();
  const out = new Map<number, Draft['standups']>();
  for (const r of rows) {
    let weeks = out.get(r.personId);
    if (!weeks) out.set(r.personId, (weeks = []));
    let week = weeks.at(-1);
    if (week?.week !== r.week) weeks.push((week = { week: r.week, answers: [] }));
    let asked = r.text ? texts.get(r.text) : undefined;
    if (r.text && !asked) {
      const parsed = JSON.parse(r.text) as { 'zh-CN': string; en: string };
      texts.set(r.text, (asked = { 'zh-CN': parsed['zh-CN'], en: parsed.en }));
    }
    week.answers.push({ question: r.question, ...(asked ? { text: asked } : {}), answer: r.answer, late: r.late === 1 });
  }
  return out;
}

/** Each person's individual goals overlapping the range, with their check-ins in it (only the subjects' goals are read). */
function goalsBy(db: Db, range: DateRange, personIds: readonly number[]): Map<number, Draft['goals']> {
  const goals = preparedOnce(db, 'drafts.goals', () => db.$client
    .prepare<[string, string, string], { id: number; ownerId: number; title: string; startValue: number; targetValue: number; currentValue: number }>(
      `select g.id, g.owner_id as ownerId, g.title, g.start_value as startValue, g.target_value as targetValue, g.current_value as currentValue
       from json_each(?) j cross join goals g on g.owner_id = j.value
       where g.level = 'individual' and g.kind = 'performance' and g.period_start <= ? and g.period_end >= ? order by g.id`,
    ))
    .all(JSON.stringify(personIds), range.end, range.start);
  const checkIns = preparedOnce(db, 'drafts.checkIns', () => db.$client
    .prepare<[string, string, string], { goalId: number; at: string; onTime: number; value: number; auto: number }>(
      `select c.goal_id as goalId, c.at, c.on_time as onTime, c.value, c.auto
       from json_each(?) j cross join check_ins c on c.goal_id = j.value
       where substr(c.at, 1, 10) between ? and ? order by c.at`,
    ))
    .all(JSON.stringify(goals.map((g) => g.id)), range.start, range.end);
  const byGoal = new Map<number, Draft['goals'][number]['checkIns']>();
  for (const c of checkIns) {
    const list = byGoal.get(c.goalId) ?? [];
    list.push({ at: c.at, onTime: c.onTime === 1, value: c.value, auto: c.auto === 1 });
    byGoal.set(c.goalId, list);
  }
  const out = new Map<number, Draft['goals']>();
  for (const g of goals) {
    const span = g.targetValue - g.startValue;
    const progress = span === 0 ? (g.currentValue === g.targetValue ? 100 : 0) : Math.round(Math.min(1, Math.max(0, (g.currentValue - g.startValue) / span)) * 1000) / 10;
    const list = out.get(g.ownerId) ?? [];
    list.push({ id: g.id, title: g.title, progress, checkIns: byGoal.get(g.id) ?? [] });
    out.set(g.ownerId, list);
  }
  return out;
}
