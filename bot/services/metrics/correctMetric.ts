import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { progressFromMetrics } from '../goals/progressFromMetrics';
import { MANUAL_SOURCE } from './importMetrics';
import { isPeriodKey, PERIOD_KEY_HINT } from './metricPeriods';

/** The body of POST /api/metrics/correct; a missing or blank reason is refused by the use case (reason_required). */
export const metricCorrectionInput = z.strictObject({
  email: z.string().trim().min(1).max(320),
  metric: z.string().min(1).max(64),
  period: z.string().refine(isPeriodKey, PERIOD_KEY_HINT),
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  reason: z.string().max(500).optional(),
});
export type MetricCorrectionInput = z.infer<typeof metricCorrectionInput>;

interface Stored {
  id: number;
  value: number;
  source: string;
  revision: number;
}

/**
 * HR's manual correction of one person's metric for one period: written under source "manual" (a later
 * correction revises it, keeping the old value in metric_revisions with the reason and who), so it is the newest
 * value and wins over imports until a later import changes that period again. Needs a reason; audited with the
 * value that counted before (the newest of any source) and after. Key results bound to the metric follow it.
 */
export function correctMetric(deps: Pick<ServiceDeps, 'db' | 'now'>, actor: string, input: MetricCorrectionInput): { metric: string; period: string; value: number; revision: number } {
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw new AppError('reason_required', 'A correction needs a reason.', { status: 400 });
  const { db } = deps;
  const c = db.$client;
  return inTransaction(db, () => {
    const person = c.prepare<[string], { id: number }>('select id from people where email = ?').get(input.email.toLowerCase());
    if (!person) throw new AppError('not_found', `No person with e-mail ${input.email}.`, { status: 404 });
    if (!c.prepare<[string], { key: string }>('select key from metric_definitions where key = ?').get(input.metric)) {
      throw new AppError('not_found', `No metric "${input.metric}" in the catalogue.`, { status: 404 });
    }
    const counted = c
      .prepare<[number, string, string], Stored>(
        `select id, value, source, revision from metric_values where person_id = ? and metric_key = ? and period = ?
         order by updated_at desc, id desc limit 1`,
      )
      .get(person.id, input.metric, input.period);
    const manual = c
      .prepare<[number, string, string, string], Stored>('select id, value, source, revision from metric_values where person_id = ? and metric_key = ? and period = ? and source = ?')
      .get(person.id, input.metric, input.period, MANUAL_SOURCE);
    const now = deps.now();
    const at = now.toISOString();
    let id: number;
    let revision: number;
    if (manual) {
      c.prepare('insert into metric_revisions (value_id, before, after, source, reason, actor, at) values (?, ?, ?, ?, ?, ?, ?)').run(manual.id, manual.value, input.value, MANUAL_SOURCE, reason, actor, at);
      c.prepare('update metric_values set value = ?, source_ref = null, revision = revision + 1, updated_at = ? where id = ?').run(input.value, at, manual.id);
      id = manual.id;
      revision = manual.revision + 1;
    } else {
      const inserted = c
        .prepare(
          `insert into metric_values (person_id, metric_key, period, value, source, source_ref, revision, created_at, updated_at)
           values (?, ?, ?, ?, ?, null, 1, ?, ?)`,
        )
        .run(person.id, input.metric, input.period, input.value, MANUAL_SOURCE, at, at);
      id = Number(inserted.lastInsertRowid);
      revision = 1;
    }
    // key results bound to this metric follow the corrected figure, in this transaction
    progressFromMetrics(deps, [{ personId: person.id, metric: input.metric, period: input.period }]);
    appendAudit(
      db,
      {
        actor,
        action: 'metric.correct',
        entity: 'metric_value',
        entityId: id,
        before: counted ? { email: input.email.toLowerCase(), metric: input.metric, period: input.period, value: counted.value, source: counted.source, revision: counted.revision } : null,
        after: { email: input.email.toLowerCase(), metric: input.metric, period: input.period, value: input.value, source: MANUAL_SOURCE, revision },
        reason,
      },
      now,
    );
    return { metric: input.metric, period: input.period, value: input.value, revision };
  });
}
