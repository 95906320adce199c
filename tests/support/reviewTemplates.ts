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
