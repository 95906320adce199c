import type { TemplateBody } from '../../bot/domain/reviewTemplate';
import type { TestApp } from './harness';

/** A plain template everyone can be reviewed by: goals and one rating question. */
export const DEFAULT_TEMPLATE: TemplateBody = {
  name: '通用评估',
  jobFunction: 'default',
  sections: [{ title: { 'zh-CN': '交付', en: 'Delivery' }, weight: 100, items: [{ kind: 'goals', weight: 50 }, { kind: 'rating', label: '协作', weight: 50, potential: true }] }],
  rules: [],
};

/** Stores templates as version 1 straight into the database (the template API has its own tests). */
export function insertTemplates(t: TestApp, ...bodies: TemplateBody[]): void {
  const at = t.clock.now().toISOString();
  for (const body of bodies) {
    t.sql(`insert into review_templates (name, job_function, current_version, created_at, updated_at) values (?, ?, 1, ?, ?)`, body.name, body.jobFunction, at, at);
    t.sql(`insert into review_template_versions (template_id, version, body, created_at) select id, 1, ?, ? from review_templates where job_function = ?`, JSON.stringify(body), at, body.jobFunction);
  }
}

/** The catalogue's collection rate (a ratio) and one person's value for a period, through the API as the admin. */
export async function seedCollectionRate(call: <T>(method: string, url: string, body?: unknown) => Promise<T>, email: string, period: string, value: number): Promise<void> {
  await call('POST', '/api/metric-definitions', { key: 'collection_rate', label: { 'zh-CN': '回款完成率', en: 'collection rate' }, unit: '%', direction: 'higher', aggregation: 'ratio' });
  const imported = await call<{ accepted: number }>('POST', '/api/metrics', { source: 'crm', records: [{ email, metric: 'collection_rate', period, value }] });
  if (imported.accepted !== 1) throw new Error(`collection rate not imported: ${JSON.stringify(imported)}`);
}
