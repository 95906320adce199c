import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { progressFromMetrics, type TouchedMetric } from '../goals/progressFromMetrics';
import { isPeriodKey, PERIOD_KEY_HINT } from './metricPeriods';

/** The source HR's corrections are written under (POST /api/metrics/correct); imports may not use it. */
export const MANUAL_SOURCE = 'manual';

/** The body of POST /api/metrics; each record is checked on its own so every bad one can be listed by index. */
export const metricImportInput = z.strictObject({
  source: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a source is a short name such as crm, jira or helpdesk-csv'),
  records: z.array(z.unknown()).min(1).max(50_000),
});
export type MetricImportInput = z.infer<typeof metricImportInput>;

const metricRecord = z.strictObject({
  email: z.string().trim().min(1).max(320),
  metric: z.string().min(1).max(64),
  period: z.string().refine(isPeriodKey, PERIOD_KEY_HINT),
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  ref: z.string().trim().max(500).optional(),
});

export interface RecordProblem {
  index: number;
  field: string;
  message: string;
}

export interface ImportResult {
  accepted: number;
  created: number;
  revised: number;
  unchanged: number;
}

interface Checked {
  personId: number;
  metric: string;
  period: string;
  value: number;
  ref: string | null;
}

interface Existing {
  id: number;
  value: number;
  sourceRef: string | null;
}

/**
 * Imports metric values, all or nothing. Every record is checked first (unknown e-mail or metric, bad period,
 * a value that is no finite number, the same person, metric and period twice in the batch); any problem → 400
 * invalid_records listing each by index and field, and nothing is stored. Then one transaction with prepared
 * statements: a new (source, person, metric, period) is created; an existing one with another value is revised
 * (revision + 1, the old value kept in metric_revisions); the same value again is unchanged. In the same transaction,
 * the key results bound to a created or revised metric follow it (progressFromMetrics).
 */
export function importMetrics(deps: Pick<ServiceDeps, 'db' | 'now'>, actor: string, input: MetricImportInput): ImportResult {
  const { db } = deps;
  const source = input.source.trim();
  if (source === MANUAL_SOURCE) {
    throw new AppError('invalid_request', 'The request is not valid.', { status: 400, details: [{ field: 'source', message: `"${MANUAL_SOURCE}" is reserved for HR's corrections (POST /api/metrics/correct)` }] });
  }
  const c = db.$client;
  const metrics = new Set(c.prepare<[], { key: string }>('select key from metric_definitions').all().map((r) => r.key));
  const personByEmail = c.prepare<[string], { id: number }>('select id from people where email = ?');
  const people = new Map<string, number | undefined>();
  const idOf = (email: string) => {
    const key = email.toLowerCase();
    if (!people.has(key)) people.set(key, personByEmail.get(key)?.id);
    return people.get(key);
  };

  const problems: RecordProblem[] = [];
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  input.records.forEach((raw, index) => {
    const parsed = metricRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ index, field: issue.path.join('.') || 'record', message: issue.message });
      return;
    }
    const r = parsed.data;
    const personId = idOf(r.email);
    const before = problems.length;
    if (personId === undefined) problems.push({ index, field: 'email', message: `no person with e-mail ${r.email}` });
    if (!metrics.has(r.metric)) problems.push({ index, field: 'metric', message: `no metric "${r.metric}" in the catalogue` });
    if (problems.length > before) return;
    const key = `${personId}\u0000${r.metric}\u0000${r.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ index, field: 'record', message: `the same person, metric and period as record ${first}` });
      return;
    }
    seen.set(key, index);
    checked.push({ personId: personId!, metric: r.metric, period: r.period, value: r.value, ref: r.ref || null });
  });
  if (problems.length) {
    const indexes = new Set(problems.map((p) => p.index)).size;
    throw new AppError('invalid_records', `Import refused: ${indexes} bad record(s) of ${input.records.length}; nothing was stored.`, { status: 400, details: problems });
  }

  return inTransaction(db, () => {
    const now = deps.now();
    const at = now.toISOString();
    const find = c.prepare<[string, number, string, string], Existing>(
      'select id, value, source_ref as sourceRef from metric_values where source = ? and person_id = ? and metric_key = ? and period = ?',
    );
    const insert = c.prepare(
      `insert into metric_values (person_id, metric_key, period, value, source, source_ref, revision, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    const revise = c.prepare('update metric_values set value = ?, source_ref = ?, revision = revision + 1, updated_at = ? where id = ?');
    const newRef = c.prepare('update metric_values set source_ref = ? where id = ?');
    const keep = c.prepare('insert into metric_revisions (value_id, before, after, source, reason, actor, at) values (?, ?, ?, ?, null, ?, ?)');
    const result: ImportResult = { accepted: checked.length, created: 0, revised: 0, unchanged: 0 };
    const touched: TouchedMetric[] = [];
    for (const r of checked) {
      const existing = find.get(source, r.personId, r.metric, r.period);
      if (!existing) {
        insert.run(r.personId, r.metric, r.period, r.value, source, r.ref, at, at);
        result.created++;
        touched.push({ personId: r.personId, metric: r.metric, period: r.period });
      } else if (existing.value === r.value) {
        // the same number again: nothing to revise (a new reference is noted, the value's history is not)
        if (r.ref !== null && r.ref !== existing.sourceRef) newRef.run(r.ref, existing.id);
        result.unchanged++;
      } else {
        keep.run(existing.id, existing.value, r.value, source, actor, at);
        revise.run(r.value, r.ref, at, existing.id);
        result.revised++;
        touched.push({ personId: r.personId, metric: r.metric, period: r.period });
      }
    }
    progressFromMetrics(deps, touched);
    appendAudit(db, { actor, action: 'metrics.import', entity: 'metric_value', entityId: `source:${source}`, after: result }, now);
    return result;
  });
}
