import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { METRIC_AGGREGATIONS, METRIC_DIRECTIONS, metricDefinitions } from '../../../db/schema';
import { compileRule, GOAL_FIGURES } from '../../domain/reviewRules';
import type { TemplateRule } from '../../domain/reviewTemplate';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';

const label = z.string().trim().min(1).max(100);

/** The body of POST /api/metric-definitions. */
export const metricDefinitionInput = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a metric key is snake_case: a lowercase letter, then up to 63 lowercase letters, digits or _'),
  label: z.strictObject({ 'zh-CN': label, en: label }),
  unit: z.string().trim().max(20).default(''),
  direction: z.enum(METRIC_DIRECTIONS),
  aggregation: z.enum(METRIC_AGGREGATIONS),
});
export type MetricDefinition = z.output<typeof metricDefinitionInput>;

/**
 * Why a key cannot name a metric, or null: it must not be a figure every review has (goal_attainment…), and rule
 * conditions must read it as a plain variable (not `max`, `random`, `in`, `and`…, which the rule language takes).
 */
export function metricKeyProblem(key: string): string | null {
  if (key in GOAL_FIGURES) return `"${key}" is a figure every review has; choose another key`;
  let variables: string[] = [];
  try {
    variables = compileRule({ when: key } as TemplateRule).variables;
  } catch {
    // an operator word: not a variable
  }
  if (variables.length !== 1 || variables[0] !== key) return `"${key}" is a word of the rule language; choose another key`;
  return null;
}

/** Adds a metric to the catalogue (HR, admin): audited; a key that exists → 409 metric_exists. */
export function defineMetric(deps: Pick<ServiceDeps, 'db' | 'now'>, actor: string, def: MetricDefinition): { key: string } {
  const problem = metricKeyProblem(def.key);
  if (problem) throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'key', message: problem }] });
  return inTransaction(deps.db, () => {
    const { db } = deps;
    if (db.select({ key: metricDefinitions.key }).from(metricDefinitions).where(eq(metricDefinitions.key, def.key)).get()) {
      throw new AppError('metric_exists', `A metric "${def.key}" exists already.`, { status: 409 });
    }
    const now = deps.now();
    const row = {
      key: def.key,
      labelZh: def.label['zh-CN'],
      labelEn: def.label.en,
      unit: def.unit,
      direction: def.direction,
      aggregation: def.aggregation,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    db.insert(metricDefinitions).values(row).run();
    appendAudit(db, { actor, action: 'metric.define', entity: 'metric_definition', entityId: def.key, after: { key: def.key, label: def.label, unit: def.unit, direction: def.direction, aggregation: def.aggregation } }, now);
    return { key: def.key };
  });
}
