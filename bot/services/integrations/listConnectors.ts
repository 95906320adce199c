import type { Db } from '../../../db/client';
import type { ServiceDeps } from '../context';
import { connectorState } from './connectorState';
import { CONNECTORS } from './registry';

const WEBHOOKS: Record<string, string> = { jira: '/integrations/jira/webhook', tapd: '/integrations/tapd/webhook' };

export interface RunView {
  id: number;
  connector: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rowsRead: number;
  rowsWritten: number;
  quarantined: number;
  error: string | null;
  detail: unknown;
}

const RUN_COLUMNS = `id, connector, trigger, status, started_at as startedAt, finished_at as finishedAt, rows_read as rowsRead,
  rows_written as rowsWritten, quarantined, error, detail`;

/**
 * Every connector as the console shows it: settings, which secrets are set (true/false — never their values),
 * schedule, the user-id map by e-mail, the last run, and for webhooks the last delivery and how many were received.
 */
export function listConnectors(deps: Pick<ServiceDeps, 'db' | 'integrationDefaults'>) {
  const c = deps.db.$client;
  const lastRun = c.prepare<[string], RunView & { detail: string | null }>(`select ${RUN_COLUMNS} from integration_runs where connector = ? order by id desc limit 1`);
  const events = c.prepare<[string], { n: number; last: string | null }>('select count(*) as n, max(received_at) as last from integration_events where connector = ?');
  const held = c.prepare<[string], { n: number }>('select count(*) as n from integration_quarantine where connector = ?');
  const emails = new Map(c.prepare<[], { id: number; email: string }>('select p.id, p.email from people p where p.id in (select person_id from integration_user_map)').all().map((p) => [p.id, p.email]));
  return CONNECTORS.map((connector) => {
    const state = connectorState(deps, connector);
    const run = lastRun.get(connector.key);
    const ev = events.get(connector.key)!;
    return {
      key: connector.key,
      source: connector.source,
      enabled: state.enabled,
      configured: connector.configured(state),
      schedule: state.schedule,
      defaultSchedule: connector.defaultSchedule,
      settings: state.settings,
      secrets: Object.fromEntries(connector.secretKeys.map((k) => [k, Boolean(state.secrets[k])])),
      userMap: Object.entries(state.userMap).map(([externalId, personId]) => ({ externalId, email: emails.get(personId) ?? null })),
      lastRun: run ? { ...run, detail: run.detail ? (JSON.parse(run.detail) as unknown) : null } : null,
      webhook: WEBHOOKS[connector.key] ? { path: WEBHOOKS[connector.key], received: ev.n, lastReceivedAt: ev.last } : null,
      quarantined: held.get(connector.key)!.n,
    };
  });
}

export function listRuns(db: Db, connector: string | undefined, limit: number): RunView[] {
  const rows = db.$client
    .prepare<unknown[], RunView & { detail: string | null }>(`select ${RUN_COLUMNS} from integration_runs ${connector ? 'where connector = ?' : ''} order by id desc limit ?`)
    .all(...(connector ? [connector, limit] : [limit]));
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as unknown) : null }));
}

export function listQuarantine(db: Db, connector: string | undefined, limit: number) {
  const rows = db.$client
    .prepare<unknown[], { id: number; connector: string; runId: number | null; ref: string; reason: string; record: string | null; createdAt: string }>(
      `select id, connector, run_id as runId, ref, reason, record, created_at as createdAt from integration_quarantine ${connector ? 'where connector = ?' : ''} order by id desc limit ?`,
    )
    .all(...(connector ? [connector, limit] : [limit]));
  return rows.map((r) => ({ ...r, record: r.record ? (JSON.parse(r.record) as unknown) : null }));
}
