import { z } from 'zod';
import type { Connector } from '../connector';

const list = z.array(z.string().trim().min(1).max(100)).max(50);

export const tapdSettings = z.object({
  /** TAPD's open API (https://api.tapd.cn), read for the new values an update event does not carry. */
  apiBase: z.union([z.url(), z.literal('')]).default(''),
  apiUser: z.string().trim().max(200).default(''),
  doneStatuses: list.default(['done', 'resolved', 'closed', 'verified', 'status_done']),
  incidentSeverities: list.default(['fatal']),
  incidentPriorities: list.default([]),
  reviewField: z.string().trim().max(100).default(''),
  reviewPassValues: list.default(['pass', '通过']),
  reviewFailValues: list.default(['fail', '不通过']),
});

/** TAPD: webhooks only (POST /integrations/tapd/webhook), feeding the same R&D metrics as Jira under source "tapd". */
export const tapdConnector: Connector = {
  key: 'tapd',
  source: 'tapd',
  defaultSchedule: '',
  settingsSchema: tapdSettings,
  secretKeys: ['webhookSecret', 'apiPassword'],
  envDefaults: (env) => ({
    enabled: Boolean(env.TAPD_WEBHOOK_SECRET),
    settings: { apiBase: env.TAPD_API_BASE ?? '', apiUser: env.TAPD_API_USER ?? '' },
    secrets: Object.fromEntries(Object.entries({ webhookSecret: env.TAPD_WEBHOOK_SECRET, apiPassword: env.TAPD_API_PASSWORD }).filter(([, v]) => v)) as Record<string, string>,
  }),
  configured: (s) => Boolean(s.secrets.webhookSecret),
};
