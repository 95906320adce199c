import type { Db } from '../../../db/client';
import { GOAL_FIGURES, compileRule, evaluateRule, explainRule, formatFigure, type FigureLabel, type RuleOutcome } from '../../domain/reviewRules';
import { scoreReview } from '../../domain/reviewScore';
import { itemId, localText, type TemplateBody } from '../../domain/reviewTemplate';
import type { ReviewFlag, ScaleGrade } from '../../../db/schema/reviews';
import type { DateRange } from '../metrics/metricPeriods';
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
    db.$client.prepare<[], { key: string; direction: 'higher' | 'lower' }>(`select key, direction from metric_definitions`).all().map((d) => [d.key, d.direction]),
  );
  const standups = standupsBy(db, range, new Set(ids));
  const goals = goalsBy(db, range, new Set(ids));
  return subjects.map((s) => {
    const f: PersonFigures = figures.get(s.personId) ?? { metrics: {}, points: 0 };
    const vars = ruleVariables(f);
    const outcomes: RuleOutcome[] = s.body.rules.map((rule) => evaluateRule(compileRule(rule), vars));
    const scored = scoreReview(s.body, scale, { metrics: Object.fromEntries(Object.entries(f.metrics).map(([k, m]) => [k, m.value])), directions, goalAttainment: f.goalAttainment, ratings: s.ratings }, outcomes);
    const itemLabels = new Map<string, { 'zh-CN': string; en: string }>();
    s.body.sections.forEach((section, si) =>
      section.items.forEach((item, ii) => {
        const label = item.kind === 'metric' ? (labels[item.metric]?.label as { 'zh-CN': string; en: string } | undefined) ?? { 'zh-CN': item.metric, en: item.metric }
          : item.kind === 'goals' ? (item.label ? both(item.label) : { 'zh-CN': '目标达成', en: 'Goal attainment' })
          : both(item.label);
        itemLabels.set(itemId(si, ii), label);
      }),
    );
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

/** How each figure reads: the catalogue's labels and units, and the built-in goal figures. */
export function figureLabels(db: Db): Record<string, FigureLabel> {
  const out: Record<string, FigureLabel> = {};
  for (const [k, v] of Object.entries(GOAL_FIGURES)) out[k] = { label: { 'zh-CN': v['zh-CN'], en: v.en }, ratio: v.ratio };
  const defs = db.$client
    .prepare<[], { key: string; labelZh: string; labelEn: string; unit: string; aggregation: string }>(
      `select key, label_zh as labelZh, label_en as labelEn, unit, aggregation from metric_definitions`,
    )
    .all();
  for (const d of defs) out[d.key] = { label: { 'zh-CN': d.labelZh, en: d.labelEn }, ratio: d.aggregation === 'ratio' || d.unit === '%', unit: d.unit || undefined };
  return out;
}

function standupsBy(db: Db, range: DateRange, wanted: Set<number>): Map<number, Draft['standups']> {
  const rows = db.$client
    .prepare<[string, string], { personId: number; week: string; question: number; text: string | null; answer: string | null; late: number }>(
      `select r.person_id as personId, sr.period_key as week, a.question_index as question, a.answer, a.late,
              json_extract(coalesce(r.questions, sr.questions), '$[' || a.question_index || ']') as text
       from standup_answers a join standup_requests r on r.id = a.request_id join standup_rounds sr on sr.id = r.round_id
       where r.due_date between ? and ? order by sr.period_key, a.question_index`,
    )
    .all(range.start, range.end);
  const out = new Map<number, Draft['standups']>();
  for (const r of rows) {
    if (!wanted.has(r.personId)) continue;
    const weeks = out.get(r.personId) ?? [];
    out.set(r.personId, weeks);
    let week = weeks.at(-1);
    if (week?.week !== r.week) weeks.push((week = { week: r.week, answers: [] }));
    const asked = r.text ? (JSON.parse(r.text) as { 'zh-CN': string; en: string }) : undefined;
    week.answers.push({ question: r.question, ...(asked ? { text: { 'zh-CN': asked['zh-CN'], en: asked.en } } : {}), answer: r.answer, late: r.late === 1 });
  }
  return out;
}

function goalsBy(db: Db, range: DateRange, wanted: Set<number>): Map<number, Draft['goals']> {
  const goals = db.$client
    .prepare<[string, string], { id: number; ownerId: number; title: string; startValue: number; targetValue: number; currentValue: number }>(
      `select id, owner_id as ownerId, title, start_value as startValue, target_value as targetValue, current_value as currentValue
       from goals where level = 'individual' and kind = 'performance' and period_start <= ? and period_end >= ? order by id`,
    )
    .all(range.end, range.start);
  const checkIns = db.$client
    .prepare<[string, string], { goalId: number; at: string; onTime: number; value: number; auto: number }>(
      `select goal_id as goalId, at, on_time as onTime, value, auto from check_ins where substr(at, 1, 10) between ? and ? order by at`,
    )
    .all(range.start, range.end);
  const byGoal = new Map<number, Draft['goals'][number]['checkIns']>();
  for (const c of checkIns) {
    const list = byGoal.get(c.goalId) ?? [];
    list.push({ at: c.at, onTime: c.onTime === 1, value: c.value, auto: c.auto === 1 });
    byGoal.set(c.goalId, list);
  }
  const out = new Map<number, Draft['goals']>();
  for (const g of goals) {
    if (!wanted.has(g.ownerId)) continue;
    const span = g.targetValue - g.startValue;
    const progress = span === 0 ? (g.currentValue === g.targetValue ? 100 : 0) : Math.round(Math.min(1, Math.max(0, (g.currentValue - g.startValue) / span)) * 1000) / 10;
    const list = out.get(g.ownerId) ?? [];
    list.push({ id: g.id, title: g.title, progress, checkIns: byGoal.get(g.id) ?? [] });
    out.set(g.ownerId, list);
  }
  return out;
}
