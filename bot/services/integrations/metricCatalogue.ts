import { stmt } from './sql';
import type { Db } from '../../../db/client';
import { appendAudit } from '../audit';

type Def = { key: string; zh: string; en: string; unit: string; direction: 'higher' | 'lower'; aggregation: 'sum' | 'mean' | 'last' | 'ratio' };

/**
 * The metrics the connectors write, added to the catalogue the first time a connector needs them (audited as
 * metric.define by system:integrations). Keys shared with the demo catalogue mean the same thing.
 */
export const CONNECTOR_METRICS: Def[] = [
  { key: 'signed_amount', zh: '签约金额', en: 'signed amount', unit: '', direction: 'higher', aggregation: 'sum' },
  { key: 'customers', zh: '客户数', en: 'customers won', unit: '家', direction: 'higher', aggregation: 'sum' },
  { key: 'avg_deal_size', zh: '平均客单价', en: 'average deal size', unit: '', direction: 'higher', aggregation: 'mean' },
  { key: 'deal_size_swing', zh: '客单价波动', en: 'deal-size swing', unit: '', direction: 'lower', aggregation: 'mean' },
  { key: 'collection_rate', zh: '回款完成率', en: 'collection rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'tasks_completed', zh: '完成任务数', en: 'tasks completed', unit: '个', direction: 'higher', aggregation: 'sum' },
  { key: 'task_completion_rate', zh: '任务完成率', en: 'task completion rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'delays', zh: '延期次数', en: 'delays', unit: '次', direction: 'lower', aggregation: 'sum' },
  { key: 'major_incidents', zh: '重大事故', en: 'major incidents', unit: '次', direction: 'lower', aggregation: 'sum' },
  { key: 'code_review_pass_rate', zh: '代码评审通过率', en: 'code review pass rate', unit: '', direction: 'higher', aggregation: 'ratio' },
  { key: 'response_time_hours', zh: '首次响应时长（中位数）', en: 'first response (median)', unit: 'h', direction: 'lower', aggregation: 'mean' },
  { key: 'resolution_time_hours', zh: '解决时长', en: 'resolution time', unit: 'h', direction: 'lower', aggregation: 'mean' },
  { key: 'satisfaction', zh: '满意度评分', en: 'satisfaction score', unit: '分', direction: 'higher', aggregation: 'mean' },
];

/** Adds the missing ones of `keys` to the catalogue; call inside the transaction that writes their values. */
export function ensureMetricDefinitions(db: Db, keys: Iterable<string>, now: Date): void {
  const exists = stmt<[string], { key: string }>(db, 'select key from metric_definitions where key = ?');
  const insert = stmt(db, 
    'insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const at = now.toISOString();
  for (const key of new Set(keys)) {
    if (exists.get(key)) continue;
    const d = CONNECTOR_METRICS.find((m) => m.key === key);
    if (!d) throw new Error(`connector metric "${key}" has no definition`);
    insert.run(d.key, d.zh, d.en, d.unit, d.direction, d.aggregation, at, at);
    appendAudit(db, { actor: 'system:integrations', action: 'metric.define', entity: 'metric_definition', entityId: d.key, after: { key: d.key, label: { 'zh-CN': d.zh, en: d.en }, unit: d.unit, direction: d.direction, aggregation: d.aggregation } }, now);
  }
}
