import type { RunView } from '../../../../bot/services/integrations/listConnectors';
import { api } from '../api';

export type { RunView };
import { resource } from './resource';


export interface ConnectorView {
  key: string;
  source: string;
  enabled: boolean;
  configured: boolean;
  schedule: string;
  defaultSchedule: string;
  settings: Record<string, unknown>;
  /** Which secrets are set; their values never come back. */
  secrets: Record<string, boolean>;
  userMap: { externalId: string; email: string | null }[];
  lastRun: RunView | null;
  webhook: { path: string; received: number; lastReceivedAt: string | null } | null;
  quarantined: number;
}

export interface QuarantineItem {
  id: number;
  connector: string;
  ref: string;
  reason: string;
  createdAt: string;
}

export interface RunReport {
  connector: string;
  status: string;
  rowsRead: number;
  rowsWritten: number;
  quarantined: number;
  error?: string;
  changes: { email: string; metric: string; period: string; before: number | null; after: number; ref: string }[];
  quarantine?: { ref: string; reason: string }[];
}

export interface ConnectorSave {
  enabled?: boolean;
  schedule?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string | null>;
  userMap?: { externalId: string; email: string }[];
}

export const connectors = resource(() => api.get<{ connectors: ConnectorView[] }>('/api/integrations').then((r) => r.connectors));
export const integrationRuns = resource(() => api.get<{ runs: RunView[] }>('/api/integrations/runs?limit=30').then((r) => r.runs));
export const quarantineItems = resource(() => api.get<{ quarantine: QuarantineItem[] }>('/api/integrations/quarantine?limit=50').then((r) => r.quarantine));

export function loadIntegrations(): Promise<unknown> {
  return Promise.all([connectors.load(), integrationRuns.load(), quarantineItems.load()]);
}

export const saveConnector = (key: string, body: ConnectorSave) => api.put<unknown>(`/api/integrations/${key}`, body);
export const runConnector = (key: string, dryRun: boolean) => api.post<RunReport>(`/api/integrations/${key}/run`, { dryRun });
/** `dryRun`: what the file would write, computed on the server and rolled back. */
export const uploadHelpdesk = (csv: string, dryRun = false) =>
  api.postText<{ rows: number; people: number; metrics: number; quarantined: number; duplicate: boolean; dryRun?: boolean }>(`/api/integrations/helpdesk/import${dryRun ? '?dryRun=1' : ''}`, csv);
