import { z } from 'zod';
import type { Connector } from '../connector';

const column = z.string().trim().min(1).max(200);

/**
 * The columns of Zendesk's standard ticket export (Admin Center → Reports → Export, CSV; the header list is in the
 * fact sheet §6.1): `Id`, `Assignee` (a display name, not an e-mail), `Created at` ("2009-09-01 19:02", no zone),
 * `Satisfaction Score` ("Good"/"Bad"/"Offered"/"Not Offered"), `First reply time in minutes`,
 * `Full resolution time in minutes`. Every column is a setting, for other helpdesks' exports.
 */
export const helpdeskSettings = z.object({
  columns: z
    .object({
      id: column.default('Id'),
      assignee: column.default('Assignee'),
      created: column.default('Created at'),
      satisfaction: column.default('Satisfaction Score'),
      firstReply: column.default('First reply time in minutes'),
      resolution: column.default('Full resolution time in minutes'),
    })
    .default({ id: 'Id', assignee: 'Assignee', created: 'Created at', satisfaction: 'Satisfaction Score', firstReply: 'First reply time in minutes', resolution: 'Full resolution time in minutes' }),
  /** A satisfaction text → its score; numbers are taken as they are; the `unrated` texts count as no rating. */
  satisfactionScores: z.record(z.string().min(1).max(100), z.number().min(0).max(100)).default({ Good: 5, 'Good, with comment': 5, Bad: 1, 'Bad, with comment': 1 }),
  unrated: z.array(z.string().max(100)).max(50).default(['', 'Offered', 'Not Offered', 'Unoffered']),
  /** The inbox folder read on the schedule: processed files go to processed/, refused ones to refused/. */
  inboxDir: z.string().trim().max(500).default(''),
  /** Figures per ISO week (2026-W48) or per month of the ticket's creation. */
  period: z.enum(['week', 'month']).default('week'),
});

/** Helpdesk CSV, weekly: an upload in the console or the inbox folder (INTEGRATIONS_INBOX_DIR). */
export const helpdeskConnector: Connector = {
  key: 'helpdesk',
  source: 'helpdesk',
  defaultSchedule: '0 9 * * 1',
  settingsSchema: helpdeskSettings,
  secretKeys: [],
  envDefaults: (env) => ({ enabled: Boolean(env.INTEGRATIONS_INBOX_DIR), settings: { inboxDir: env.INTEGRATIONS_INBOX_DIR ?? '' }, secrets: {} }),
  configured: (s) => Boolean(helpdeskSettings.parse(s.settings).inboxDir),
};
