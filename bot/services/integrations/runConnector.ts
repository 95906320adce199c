import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import type { Collected, Connector, QuarantineInput } from './connector';
import { connectorState } from './connectorState';
import { helpdeskSettings } from './helpdesk/helpdeskConnector';
import { processInbox } from './helpdesk/processInbox';
import { quarantine } from './recordWebhookEvent';
import { PersonResolver } from './resolvePeople';
import { finishRun, startRun, type RunTrigger } from './runs';
import { storeWorkItems } from './storeWorkItems';
import { writeMetricValues, type MetricChange } from './writeMetricValues';

export interface RunReport {
  connector: string;
  runId: number | null;
  status: 'ok' | 'refused' | 'failed' | 'dry-run';
  rowsRead: number;
  rowsWritten: number;
  quarantined: number;
  error?: string;
  /** What changed (or, in a dry run, would change), first 200: who, metric, period, before → after. */
  changes: (Omit<MetricChange, 'personId'> & { email: string })[];
  /** A dry run's quarantine, which it does not store. */
  quarantine?: QuarantineInput[];
  notes?: Record<string, unknown>;
}

const SHOWN = 200;

class DryRunDone extends Error {
  constructor(readonly report: RunReport) {
    super('dry run');
  }
}

function withEmails(deps: Pick<ServiceDeps, 'db'>, changes: MetricChange[]): RunReport['changes'] {
  const shown = changes.slice(0, SHOWN);
  const ids = [...new Set(shown.map((c) => c.personId))];
  const emails = new Map(
    ids.length ? deps.db.$client.prepare<number[], { id: number; email: string }>(`select id, email from people where id in (${ids.map(() => '?').join(',')})`).all(...ids).map((p) => [p.id, p.email]) : [],
  );
  return shown.map(({ personId, ...c }) => ({ email: emails.get(personId) ?? `#${personId}`, ...c }));
}

/**
 * Runs one connector now. A pull connector collects (nothing written yet); then one transaction stores its raw
 * records, work items, metric values and quarantine, and finishes the run. A refused collection (a record that would
 * distort a metric) keeps only the quarantine and the reason. A dry run does all of it inside a transaction that is
 * rolled back, so it shows exactly what a run would write — and writes nothing, not even a run row.
 */
export async function runConnector(deps: ServiceDeps, connector: Connector, opts: { trigger: RunTrigger; dryRun?: boolean }): Promise<RunReport> {
  const state = connectorState(deps, connector);
  if (!connector.configured(state)) throw new AppError('integration_not_configured', `The ${connector.key} connector is not configured.`, { status: 409 });
  if (connector.key === 'helpdesk') return runInbox(deps, state.settings, opts.trigger, Boolean(opts.dryRun));
  if (!connector.collect) throw new AppError('no_pull', `The ${connector.key} connector receives webhooks; it has nothing to run.`, { status: 409 });
  const dry = Boolean(opts.dryRun);
  const startedAt = deps.now();
  const runId = dry ? null : startRun(deps.db, connector.key, opts.trigger, startedAt);
  let collected: Collected;
  try {
    collected = await connector.collect(deps, state);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (runId !== null) finishRun(deps.db, runId, { status: 'failed', rowsRead: 0, rowsWritten: 0, quarantined: 0, error }, deps.now());
    deps.log.warn({ connector: connector.key, error }, 'integration run failed');
    return { connector: connector.key, runId, status: 'failed', rowsRead: 0, rowsWritten: 0, quarantined: 0, error, changes: [] };
  }
  const now = deps.now();
  try {
    return inTransaction(deps.db, () => {
      const base = { connector: connector.key, runId, rowsRead: collected.rowsRead, notes: collected.notes };
      if (collected.refused) {
        const report: RunReport = { ...base, status: dry ? 'dry-run' : 'refused', rowsWritten: 0, quarantined: collected.quarantine.length, error: collected.refused, changes: [], quarantine: dry ? collected.quarantine : undefined };
        if (dry) throw new DryRunDone(report);
        quarantine(deps.db, connector.key, runId, collected.quarantine, now);
        finishRun(deps.db, runId!, { status: 'refused', rowsRead: collected.rowsRead, rowsWritten: 0, quarantined: collected.quarantine.length, error: collected.refused, detail: { notes: collected.notes } }, now);
        return report;
      }
      const upsert = deps.db.$client.prepare(
        `insert into integration_records (connector, ref, person_id, source_updated, data, raw, fetched_at) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (connector, ref) do update set person_id = excluded.person_id, source_updated = excluded.source_updated, data = excluded.data, raw = excluded.raw, fetched_at = excluded.fetched_at`,
      );
      for (const r of collected.records) upsert.run(connector.key, r.ref, r.personId, r.sourceUpdated, JSON.stringify(r.data), JSON.stringify(r.raw ?? null), now.toISOString());
      const held = [...collected.quarantine];
      const changes: MetricChange[] = [];
      let written = 0;
      if (collected.workItems?.length) {
        const w = storeWorkItems(deps, connector.source, collected.workItems, new PersonResolver(deps.db, state.userMap), now, (item) => collected.rawOf?.(item.ref) ?? null);
        held.push(...w.quarantine);
        changes.push(...w.changes);
        written += w.created + w.revised;
      }
      const v = writeMetricValues(deps.db, connector.source, collected.values, now, `system:${connector.key}`);
      changes.push(...v.changes);
      written += v.created + v.revised;
      const report: RunReport = { ...base, status: dry ? 'dry-run' : 'ok', rowsWritten: written, quarantined: held.length, changes: withEmails(deps, changes), quarantine: dry ? held : undefined };
      if (dry) throw new DryRunDone(report);
      quarantine(deps.db, connector.key, runId, held, now);
      finishRun(deps.db, runId!, { status: 'ok', rowsRead: collected.rowsRead, rowsWritten: written, quarantined: held.length, detail: { notes: collected.notes, changes: report.changes.slice(0, 50) } }, now);
      return report;
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.report;
    throw err;
  }
}

function runInbox(deps: ServiceDeps, settings: Record<string, unknown>, trigger: RunTrigger, dry: boolean): RunReport {
  const dir = helpdeskSettings.parse(settings).inboxDir;
  if (dry) throw new AppError('no_dry_run', 'The helpdesk has no dry run: an upload with a bad line is refused with its line numbers and writes nothing.', { status: 409 });
  if (!dir) throw new AppError('integration_not_configured', 'The helpdesk connector has no inbox folder (INTEGRATIONS_INBOX_DIR).', { status: 409 });
  const runId = startRun(deps.db, 'helpdesk', trigger, deps.now());
  let inbox: ReturnType<typeof processInbox>;
  try {
    inbox = processInbox(deps, dir);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    finishRun(deps.db, runId, { status: 'failed', rowsRead: 0, rowsWritten: 0, quarantined: 0, error }, deps.now());
    return { connector: 'helpdesk', runId, status: 'failed', rowsRead: 0, rowsWritten: 0, quarantined: 0, error, changes: [] };
  }
  const ok = inbox.files.filter((f) => f.result);
  const report: RunReport = {
    connector: 'helpdesk',
    runId,
    status: inbox.files.some((f) => f.error) ? 'refused' : 'ok',
    rowsRead: ok.reduce((s, f) => s + f.result!.rows, 0),
    rowsWritten: ok.reduce((s, f) => s + f.result!.metrics, 0),
    quarantined: ok.reduce((s, f) => s + f.result!.quarantined, 0),
    error: inbox.files.filter((f) => f.error).map((f) => `${f.name}: ${f.error}`).join('; ') || undefined,
    changes: [],
    notes: { files: inbox.files.map((f) => ({ name: f.name, duplicate: f.result?.duplicate ?? false, error: f.error ?? null })) },
  };
  finishRun(deps.db, runId, { status: report.status === 'ok' ? 'ok' : 'refused', rowsRead: report.rowsRead, rowsWritten: report.rowsWritten, quarantined: report.quarantined, error: report.error, detail: { notes: report.notes } }, deps.now());
  return report;
}
