/**
 * The demo company's review templates, one per job function plus `default`, with the source case's two rules:
 * on sales, a collection rate below 80% caps the grade at B; on R&D, more than two major incidents flag
 * "needs-improvement". The metric definitions they use are inserted first when missing (insert-or-ignore by key,
 * the same labels as the metrics demo seed), so the order of the demo seeds does not matter.
 *
 * Targets of summed metrics (signed amount, customers, delays, incidents) are per quarter, the source case's cycle.
 */
import type { Db } from '../client';
import { metricDefinitions, reviewTemplates, reviewTemplateVersions } from '../schema';
import { templateBody, type TemplateBody, type TemplateItem } from '../../bot/domain/reviewTemplate';

type Definition = Omit<typeof metricDefinitions.$inferInsert, 'createdAt' | 'updatedAt'>;

export const DEMO_METRICS: Definition[] = [
  { key: 'signed_amount', labelZh: '签约金额', labelEn: 'signed amount', unit: '万元', direction: 'higher', aggregation: 'sum' },
  { key: 'customers', labelZh: '客户数', labelEn: 'customers', unit: '', direction: 'higher', aggregation: 'sum' },
  { key: 'collection_rate', labelZh: '回款完成率', labelEn: 'collection rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'task_completion_rate', labelZh: '任务完成率', labelEn: 'task completion rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'delays', labelZh: '延期次数', labelEn: 'delays', unit: '', direction: 'lower', aggregation: 'sum' },
  { key: 'major_incidents', labelZh: '重大事故', labelEn: 'major incidents', unit: '', direction: 'lower', aggregation: 'sum' },
  { key: 'response_time_hours', labelZh: '响应时长', labelEn: 'response time', unit: 'h', direction: 'lower', aggregation: 'mean' },
  { key: 'satisfaction', labelZh: '满意度', labelEn: 'satisfaction', unit: '', direction: 'higher', aggregation: 'mean' },
  { key: 'renewal_rate', labelZh: '续约率', labelEn: 'renewal rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'release_on_time_rate', labelZh: '按时发布率', labelEn: 'release on time rate', unit: '', direction: 'higher', aggregation: 'ratio' },
];

const goals: TemplateItem = { kind: 'goals', weight: 100, label: { 'zh-CN': '目标达成', en: 'Goal attainment' } };
const potential = (weight: number): TemplateItem => ({ kind: 'rating', label: { 'zh-CN': '成长潜力', en: 'Growth potential' }, weight, potential: true });
const summary: TemplateItem = { kind: 'text', label: { 'zh-CN': '本期亮点与待改进之处', en: 'Highlights of the period and what to improve' } };
const rating = (zh: string, en: string, weight: number, skill?: string): TemplateItem => ({ kind: 'rating', label: { 'zh-CN': zh, en }, weight, ...(skill ? { skill } : {}) });

/** A template of results (the function's metrics), goals, ratings with growth potential, and a closing comment. */
function template(name: string, jobFunction: string, results: { items: TemplateItem[]; weight: number } | null, goalsWeight: number, ratings: TemplateItem[], rules: TemplateBody['rules'] = []): TemplateBody {
  const ratingsWeight = 100 - goalsWeight - (results?.weight ?? 0);
  return templateBody.parse({
    name,
    jobFunction,
    sections: [
      ...(results ? [{ title: { 'zh-CN': '业绩指标', en: 'Results' }, weight: results.weight, items: results.items }] : []),
      { title: { 'zh-CN': '目标', en: 'Goals' }, weight: goalsWeight, items: [goals] },
      { title: { 'zh-CN': '能力与潜力', en: 'Competencies and potential' }, weight: ratingsWeight, items: ratings },
      { title: { 'zh-CN': '总结', en: 'Summary' }, weight: 0, items: [summary] },
    ],
    rules,
  });
}

export const DEMO_TEMPLATES: TemplateBody[] = [
  template(
    '销售 / Sales', 'sales',
    {
      weight: 60,
      items: [
        // in 万元, the unit the demo metrics (and the CRM) report it in
        { kind: 'metric', metric: 'signed_amount', target: 100, weight: 40 },
        { kind: 'metric', metric: 'customers', target: 10, weight: 20 },
        { kind: 'metric', metric: 'collection_rate', target: 1, floor: 0.5, weight: 40 },
      ],
    },
    20,
    [rating('客户沟通', 'Customer communication', 50, '客户沟通'), potential(50)],
    [{ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: { 'zh-CN': '回款完成率低于 80%，最高 B', en: 'collection rate below 80%: at most B' } }],
  ),
  template(
    '研发 / R&D', 'rnd',
    {
      weight: 60,
      items: [
        { kind: 'metric', metric: 'task_completion_rate', target: 1, floor: 0.5, weight: 50 },
        { kind: 'metric', metric: 'delays', target: 0, floor: 5, weight: 20 },
        { kind: 'metric', metric: 'major_incidents', target: 0, floor: 3, weight: 30 },
      ],
    },
    15,
    [rating('系统设计', 'System design', 35, '系统设计'), rating('技术文档', 'Technical writing', 25, '技术文档'), potential(40)],
    [{ when: 'major_incidents > 2', effect: 'flag', flag: 'needs-improvement', reason: { 'zh-CN': '重大事故超过 2 次', en: 'more than two major incidents' } }],
  ),
  template(
    '技术支持 / Support', 'support',
    {
      weight: 60,
      items: [
        { kind: 'metric', metric: 'response_time_hours', target: 4, floor: 48, weight: 50 },
        { kind: 'metric', metric: 'satisfaction', target: 5, floor: 3, weight: 50 },
      ],
    },
    20,
    [rating('服务意识', 'Service attitude', 50), potential(50)],
  ),
  template(
    '客户成功 / Customer success', 'customer_success',
    {
      weight: 60,
      items: [
        { kind: 'metric', metric: 'renewal_rate', target: 0.85, floor: 0.5, weight: 60 },
        { kind: 'metric', metric: 'satisfaction', target: 5, floor: 3, weight: 40 },
      ],
    },
    20,
    [rating('客户关系', 'Customer relationships', 50), potential(50)],
  ),
  template(
    '产品 / Product', 'product',
    { weight: 40, items: [{ kind: 'metric', metric: 'release_on_time_rate', target: 1, floor: 0.5, weight: 100 }] },
    30,
    [rating('产品规划', 'Product planning', 50), potential(50)],
  ),
  template('人力资源 / HR', 'hr', null, 60, [rating('专业能力', 'Professional skill', 30), rating('协作', 'Collaboration', 30), potential(40)]),
  template('通用 / Default', 'default', null, 60, [rating('工作质量', 'Quality of work', 30), rating('协作', 'Collaboration', 30), potential(40)]),
];

/**
 * Inserts the missing metric definitions, then a template (version 1) for every job function that has none yet:
 * templates HR made or changed are left alone. Safe to repeat.
 */
export function seedDemoTemplates(db: Db, now: Date): { metrics: number; templates: number } {
  const at = now.toISOString();
  return db.$client.transaction(() => {
    let metrics = 0;
    for (const d of DEMO_METRICS) {
      metrics += db.insert(metricDefinitions).values({ ...d, createdAt: at, updatedAt: at }).onConflictDoNothing({ target: metricDefinitions.key }).run().changes;
    }
    let templates = 0;
    for (const body of DEMO_TEMPLATES) {
      const added = db
        .insert(reviewTemplates)
        .values({ name: body.name, jobFunction: body.jobFunction, currentVersion: 1, createdAt: at, updatedAt: at })
        .onConflictDoNothing({ target: reviewTemplates.jobFunction })
        .returning({ id: reviewTemplates.id })
        .get();
      if (!added) continue;
      db.insert(reviewTemplateVersions).values({ templateId: added.id, version: 1, body, createdBy: 'demo-seed', createdAt: at }).run();
      templates++;
    }
    return { metrics, templates };
  }).immediate();
}
