import type { z } from 'zod';
import type { ServiceDeps } from '../context';
import type { WorkItem } from '../../domain/workItemMetrics';

export const CONNECTOR_KEYS = ['crm', 'jira', 'tapd', 'helpdesk'] as const;
export type ConnectorKey = (typeof CONNECTOR_KEYS)[number];

/** The env values a connector starts from before an admin saves it in the console (bot/config.ts). */
export interface IntegrationDefaults {
  JIRA_WEBHOOK_SECRET?: string;
  JIRA_BASE_URL?: string;
  JIRA_EMAIL?: string;
  JIRA_API_TOKEN?: string;
  TAPD_WEBHOOK_SECRET?: string;
  TAPD_API_BASE?: string;
  TAPD_API_USER?: string;
  TAPD_API_PASSWORD?: string;
  CRM_BASE_URL?: string;
  CRM_CLIENT_ID?: string;
  CRM_CLIENT_SECRET?: string;
  INTEGRATIONS_INBOX_DIR?: string;
}

/** Who a source means: any of its user id, e-mail or display name. */
export interface PersonKey {
  id?: string | null;
  email?: string | null;
  name?: string | null;
}

/** One metric value a connector computed for a person and period, with the raw records it came from. */
export interface MetricValueInput {
  personId: number;
  metric: string;
  period: string;
  value: number;
  /** A reference to the raw record(s): "jira:PROJ-1,PROJ-2", "crm:006…", "helpdesk:file:ab12…". */
  ref: string;
}

export interface QuarantineInput {
  ref: string;
  reason: string;
  record?: unknown;
}

/** A raw record kept behind the metrics (integration_records). */
export interface RawRecordInput {
  ref: string;
  personId: number | null;
  sourceUpdated: string;
  data: unknown;
  raw?: unknown;
}

/**
 * What a pull connector brings back; nothing is written by the connector itself. `refused` (a bad record that would
 * distort a metric) stops the whole run: only the quarantine is kept.
 */
export interface Collected {
  rowsRead: number;
  values: MetricValueInput[];
  records: RawRecordInput[];
  /** Work items (Jira, TAPD) go through the same out-of-order store as the webhooks, which recomputes the metrics. */
  workItems?: WorkItem[];
  /** The record as the source sent it, by work-item ref (kept beside the normalised state). */
  rawOf?: (ref: string) => unknown;
  quarantine: QuarantineInput[];
  refused?: string;
  /** Per-run facts worth showing (pages read, token refreshes…). */
  notes?: Record<string, unknown>;
}

export interface ConnectorState {
  enabled: boolean;
  schedule: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  userMap: Record<string, number>;
}

/** A connector plugin: its settings, its secrets (write-only), its default schedule, and how it pulls. */
export interface Connector {
  key: ConnectorKey;
  /** The metric source its values are stored under. */
  source: string;
  defaultSchedule: string;
  /** Non-secret settings: validated on save, defaults filled in. */
  settingsSchema: z.ZodType<Record<string, unknown>>;
  secretKeys: readonly string[];
  /** First-start settings from env. */
  envDefaults(env: IntegrationDefaults): { enabled: boolean; settings: Record<string, unknown>; secrets: Record<string, string> };
  /** Whether it has what it needs to run (credentials, a URL…). */
  configured(state: ConnectorState): boolean;
  /** A pull (CRM, Jira reconciliation, the helpdesk inbox); webhook-only connectors have none. */
  collect?(deps: ServiceDeps, state: ConnectorState): Promise<Collected>;
}
