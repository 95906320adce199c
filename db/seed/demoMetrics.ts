/**
 * Demo metrics of the source case (issue 10): the figures it names per job function — sales from the CRM (签约金额,
 * 客户数, 回款完成率), R&D from Jira (任务完成率, 延期次数, 重大事故, 代码评审通过率), support from the helpdesk
 * (响应时长, 满意度, 48 小时闭环率), customer success (续约率, 重点客户回访) — with plausible monthly values for the
 * demo people. Deterministic: every value is a hash of (e-mail, metric, month), so loading twice stores nothing new.
 * Two people make the source case's rules bite: the first sales employee's 回款完成率 is 72% (< 80%: at most B) and
 * the first R&D employee has 3 重大事故 (> 2: flagged 待改进).
 */

export const DEMO_METRIC_SOURCE = 'demo';

export interface DemoMetricDefinition {
  key: string;
  label: { 'zh-CN': string; en: string };
  unit: string;
  direction: 'higher' | 'lower';
  aggregation: 'sum' | 'mean' | 'last' | 'ratio';
}

export interface DemoMetricRecord {
  email: string;
  metric: string;
  period: string;
  value: number;
  ref: string;
}

const def = (key: string, zh: string, en: string, unit: string, direction: 'higher' | 'lower', aggregation: DemoMetricDefinition['aggregation']): DemoMetricDefinition => ({
  key,
  label: { 'zh-CN': zh, en },
  unit,
  direction,
  aggregation,
});

export const DEMO_METRIC_DEFINITIONS: DemoMetricDefinition[] = [
  def('signed_amount', '签约金额', 'signed amount', '万元', 'higher', 'sum'),
  def('customers', '客户数', 'customers won', '家', 'higher', 'sum'),
  def('collection_rate', '回款完成率', 'collection rate', '', 'higher', 'ratio'),
  def('task_completion_rate', '任务完成率', 'task completion rate', '', 'higher', 'ratio'),
  def('delays', '延期次数', 'delays', '次', 'lower', 'sum'),
  def('major_incidents', '重大事故', 'major incidents', '次', 'lower', 'sum'),
  def('code_review_pass_rate', '代码评审通过率', 'code review pass rate', '', 'higher', 'ratio'),
  def('response_time_hours', '响应时长', 'response time', 'h', 'lower', 'mean'),
  def('satisfaction', '满意度评分', 'satisfaction score', '分', 'higher', 'mean'),
  def('tickets_closed_48h_rate', '工单 48 小时闭环率', 'tickets closed within 48 h', '', 'higher', 'ratio'),
  def('renewal_rate', '客户续约率', 'renewal rate', '', 'higher', 'ratio'),
  def('key_account_visits', '重点客户回访数', 'key-account visits', '家', 'higher', 'sum'),
];

/** How each function's metric is drawn: the range a value falls in and its rounding step. */
type Draw = { metric: string; min: number; max: number; step: number };

const BY_FUNCTION: Record<string, Draw[]> = {
  sales: [
    { metric: 'signed_amount', min: 12, max: 85, step: 0.5 },
    { metric: 'customers', min: 1, max: 9, step: 1 },
    { metric: 'collection_rate', min: 0.82, max: 1, step: 0.01 },
  ],
  rnd: [
    { metric: 'task_completion_rate', min: 0.78, max: 1, step: 0.01 },
    { metric: 'delays', min: 0, max: 3, step: 1 },
    { metric: 'major_incidents', min: 0, max: 1, step: 1 },
    { metric: 'code_review_pass_rate', min: 0.8, max: 0.99, step: 0.01 },
  ],
  support: [
    { metric: 'response_time_hours', min: 0.5, max: 6, step: 0.1 },
    { metric: 'satisfaction', min: 4, max: 5, step: 0.1 },
    { metric: 'tickets_closed_48h_rate', min: 0.82, max: 0.99, step: 0.01 },
  ],
  customer_success: [
    { metric: 'renewal_rate', min: 0.8, max: 0.97, step: 0.01 },
    { metric: 'key_account_visits', min: 14, max: 26, step: 1 },
  ],
};

/** FNV-1a of a text as a fraction in [0, 1): the same text always gives the same draw. */
function fraction(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // one more avalanche round so neighbouring texts do not give neighbouring values
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h / 4294967296;
}

const round = (value: number, step: number) => Number((Math.round(value / step) * step).toFixed(6));

/**
 * The demo values for these people and months ("2026-11"), in the order given: each person gets their function's
 * metrics (functions the source case names no metrics for get none).
 */
export function buildDemoMetrics(people: readonly { email: string; jobFunction: string; role: string }[], months: readonly string[]): DemoMetricRecord[] {
  const records: DemoMetricRecord[] = [];
  // someone with a manager above them, so My team shows it too
  const firstSales = people.find((p) => p.jobFunction === 'sales' && p.role === 'employee')?.email;
  const firstRnd = people.find((p) => p.jobFunction === 'rnd' && p.role === 'employee')?.email;
  for (const p of people) {
    for (const draw of BY_FUNCTION[p.jobFunction] ?? []) {
      for (const month of months) {
        let value = round(draw.min + fraction(`${p.email}|${draw.metric}|${month}`) * (draw.max - draw.min), draw.step);
        if (p.email === firstSales && draw.metric === 'collection_rate') value = 0.72;
        if (p.email === firstRnd && draw.metric === 'major_incidents') value = 3;
        records.push({ email: p.email, metric: draw.metric, period: month, value, ref: `demo:${month}` });
      }
    }
  }
  return records;
}
