import cronParser from 'cron-parser';
import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { connectorState } from './connectorState';
import type { Connector } from './connector';

/** The body of PUT /api/integrations/:key. A secret is replaced by a non-empty string, cleared by null, kept when absent. */
export const connectorInput = z.strictObject({
  enabled: z.boolean().optional(),
  schedule: z.string().trim().max(100).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.union([z.string().min(1).max(2000), z.null()])).optional(),
  userMap: z.array(z.strictObject({ externalId: z.string().trim().min(1).max(200), email: z.string().trim().min(1).max(320) })).max(10_000).optional(),
});
export type ConnectorInput = z.infer<typeof connectorInput>;

const invalid = (details: { field: string; message: string }[]) => new AppError('invalid_request', 'The request is not valid.', { status: 400, details });

/**
 * Saves a connector's settings (admin): validated against the connector's own schema (an unknown setting is a
 * 400), the schedule as a cron, secrets only by the names the connector has, the user-id map by e-mails in the
 * directory. Audited with the settings and the names of the secrets changed — never their values.
 */
export function saveConnector(deps: ServiceDeps, actor: string, connector: Connector, input: ConnectorInput): void {
  const current = connectorState(deps, connector);
  const problems: { field: string; message: string }[] = [];
  let settings = current.settings;
  if (input.settings) {
    const parsed = connector.settingsSchema.safeParse({ ...current.settings, ...input.settings });
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => ({ field: `settings.${i.path.join('.')}`, message: i.message })));
    else {
      const known = new Set(Object.keys(parsed.data));
      for (const k of Object.keys(input.settings)) if (!known.has(k)) problems.push({ field: `settings.${k}`, message: 'no such setting' });
      settings = parsed.data;
    }
  }
  const schedule = input.schedule ?? current.schedule;
  if (schedule) {
    try {
      cronParser.parseExpression(schedule, { tz: deps.settings.defaultTimezone });
    } catch {
      problems.push({ field: 'schedule', message: 'must be a cron expression such as "0 2 * * *", or empty' });
    }
  }
  for (const k of Object.keys(input.secrets ?? {})) if (!connector.secretKeys.includes(k)) problems.push({ field: `secrets.${k}`, message: 'no such secret' });
  const personByEmail = deps.db.$client.prepare<[string], { id: number }>('select id from people where email = ?');
  const userMap = input.userMap?.map((e, i) => {
    const person = personByEmail.get(e.email.toLowerCase());
    if (!person) problems.push({ field: `userMap.${i}.email`, message: `no person with e-mail ${e.email}` });
    return { externalId: e.externalId, personId: person?.id ?? 0 };
  });
  if (problems.length) throw invalid(problems);

  const row = deps.db.$client.prepare<[string], { secrets: string }>('select secrets from integration_connectors where key = ?').get(connector.key);
  const secrets = row ? (JSON.parse(row.secrets) as Record<string, string>) : {};
  for (const [k, v] of Object.entries(input.secrets ?? {})) {
    if (v === null) delete secrets[k];
    else secrets[k] = v;
  }
  const now = deps.now();
  inTransaction(deps.db, () => {
    const c = deps.db.$client;
    c.prepare(
      `insert into integration_connectors (key, enabled, schedule, settings, secrets, updated_at) values (?, ?, ?, ?, ?, ?)
       on conflict (key) do update set enabled = excluded.enabled, schedule = excluded.schedule, settings = excluded.settings, secrets = excluded.secrets, updated_at = excluded.updated_at`,
    ).run(connector.key, (input.enabled ?? current.enabled) ? 1 : 0, schedule, JSON.stringify(settings), JSON.stringify(secrets), now.toISOString());
    if (userMap) {
      c.prepare('delete from integration_user_map where connector = ?').run(connector.key);
      const insert = c.prepare('insert into integration_user_map (connector, external_id, person_id) values (?, ?, ?) on conflict do update set person_id = excluded.person_id');
      for (const e of userMap) insert.run(connector.key, e.externalId, e.personId);
    }
    appendAudit(
      deps.db,
      {
        actor,
        action: 'integration.configure',
        entity: 'integration',
        entityId: connector.key,
        before: { enabled: current.enabled, schedule: current.schedule, settings: current.settings },
        after: { enabled: input.enabled ?? current.enabled, schedule, settings, secretsChanged: Object.keys(input.secrets ?? {}), userMapEntries: userMap?.length ?? null },
      },
      now,
    );
  });
}
