import { stmt } from './sql';
import type { Db } from '../../../db/client';
import type { ServiceDeps } from '../context';
import type { Connector, ConnectorState } from './connector';

interface Row {
  enabled: number;
  schedule: string;
  settings: string;
  secrets: string;
}

/**
 * A connector's effective state: what the console saved, else the env defaults (first start). Secrets fall back to
 * env one by one, so an admin who saves the schedule only keeps the env secret. The user-id map is always the DB's.
 */
export function connectorState(deps: Pick<ServiceDeps, 'db' | 'integrationDefaults'>, connector: Connector): ConnectorState {
  const env = connector.envDefaults(deps.integrationDefaults ?? {});
  const row = stmt<[string], Row>(deps.db, 'select enabled, schedule, settings, secrets from integration_connectors where key = ?').get(connector.key);
  const userMap = userMapOf(deps.db, connector.key);
  if (!row) {
    return { enabled: env.enabled, schedule: connector.defaultSchedule, settings: connector.settingsSchema.parse(env.settings), secrets: env.secrets, userMap };
  }
  const saved = JSON.parse(row.secrets) as Record<string, string>;
  const secrets: Record<string, string> = { ...env.secrets };
  for (const [k, v] of Object.entries(saved)) {
    if (v) secrets[k] = v;
  }
  return { enabled: row.enabled === 1, schedule: row.schedule, settings: connector.settingsSchema.parse({ ...env.settings, ...(JSON.parse(row.settings) as object) }), secrets, userMap };
}

export function userMapOf(db: Db, connector: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of stmt<[string], { externalId: string; personId: number }>(db, 'select external_id as externalId, person_id as personId from integration_user_map where connector = ?').all(connector)) {
    out[r.externalId] = r.personId;
  }
  return out;
}
