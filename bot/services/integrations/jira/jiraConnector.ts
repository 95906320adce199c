import { z } from 'zod';
import type { Collected, Connector } from '../connector';
import { jiraWorkItem, type JiraRules } from './jiraIssue';
import { searchJiraIssues } from './jiraSearch';

const list = z.array(z.string().trim().min(1).max(100)).max(50);

export const jiraSettings = z.object({
  baseUrl: z.union([z.url(), z.literal('')]).default(''),
  email: z.string().trim().max(320).default(''),
  /** The nightly reconciliation's JQL: bounded, as the enhanced search requires. */
  jql: z.string().trim().min(1).max(2000).default('updated >= -2d ORDER BY updated ASC'),
  incidentIssueTypes: list.default(['Incident']),
  incidentLabels: list.default(['production-incident']),
  incidentPriorities: list.default([]),
  reviewField: z.string().trim().max(100).default(''),
  reviewPassValues: list.default(['passed', 'pass', '通过']),
  reviewFailValues: list.default(['failed', 'fail', '不通过']),
});

export function jiraRules(settings: Record<string, unknown>): JiraRules {
  return jiraSettings.parse(settings);
}

/**
 * Jira Cloud: webhooks in real time (POST /integrations/jira/webhook), and a nightly reconciliation through the
 * search API that catches events that never arrived — both go through the same out-of-order work-item store.
 */
export const jiraConnector: Connector = {
  key: 'jira',
  source: 'jira',
  defaultSchedule: '30 2 * * *',
  settingsSchema: jiraSettings,
  secretKeys: ['webhookSecret', 'apiToken'],
  envDefaults: (env) => ({
    enabled: Boolean(env.JIRA_WEBHOOK_SECRET || env.JIRA_BASE_URL),
    settings: { baseUrl: env.JIRA_BASE_URL ?? '', email: env.JIRA_EMAIL ?? '' },
    secrets: Object.fromEntries(Object.entries({ webhookSecret: env.JIRA_WEBHOOK_SECRET, apiToken: env.JIRA_API_TOKEN }).filter(([, v]) => v)) as Record<string, string>,
  }),
  configured: (s) => Boolean(s.settings.baseUrl && s.settings.email && s.secrets.apiToken),
  async collect(deps, state): Promise<Collected> {
    const s = jiraSettings.parse(state.settings);
    const { issues, pages } = await searchJiraIssues({ baseUrl: s.baseUrl, email: s.email, apiToken: state.secrets.apiToken, jql: s.jql, extraFields: s.reviewField ? [s.reviewField] : [] });
    const out: Collected = { rowsRead: issues.length, values: [], records: [], workItems: [], quarantine: [], notes: { pages } };
    for (const issue of issues) {
      const item = jiraWorkItem(issue, s, deps.settings.defaultTimezone);
      if (item) out.workItems!.push(item);
      else out.quarantine.push({ ref: `jira:${issue.key ?? issue.id ?? '?'}`, reason: 'issue without key or updated timestamp', record: issue });
    }
    const byKey = new Map(issues.map((i) => [i.key, i]));
    out.rawOf = (ref) => byKey.get(ref);
    return out;
  },
};
