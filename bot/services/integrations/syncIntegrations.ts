import cronParser from 'cron-parser';
import type { ServiceDeps } from '../context';
import { connectorState } from './connectorState';
import { CONNECTORS } from './registry';
import { runConnector, type RunReport } from './runConnector';

/** When a cron last fell due at or before `now` in a time zone; null for no schedule or a bad one. */
export function lastDue(cron: string, now: Date, tz: string): Date | null {
  if (!cron.trim()) return null;
  try {
    return cronParser.parseExpression(cron, { currentDate: new Date(now.getTime() + 1000), tz }).prev().toDate();
  } catch {
    return null;
  }
}

/**
 * The integrations-sync job. Scheduled (every minute): runs each enabled, configured connector whose schedule fell
 * due since its last scheduled run (within SCHEDULER_GRACE_MINUTES, so a restart catches up on last night's run but
 * not on a month of them). Manual (`POST /api/jobs/integrations-sync/run`): runs every enabled, configured connector
 * that has something to run, now. One connector failing does not stop the others; each run is in its error log.
 */
export async function syncIntegrations(deps: ServiceDeps, opts: { manual: boolean }): Promise<{ ran: RunReport[]; skipped: { connector: string; reason: string }[] }> {
  const now = deps.now();
  const ran: RunReport[] = [];
  const skipped: { connector: string; reason: string }[] = [];
  const lastScheduled = deps.db.$client.prepare<[string], { at: string | null }>("select max(started_at) as at from integration_runs where connector = ? and trigger = 'schedule'");
  for (const connector of CONNECTORS) {
    if (!connector.collect && connector.key !== 'helpdesk') continue; // webhook-only
    const state = connectorState(deps, connector);
    if (!state.enabled || !connector.configured(state)) {
      if (opts.manual) skipped.push({ connector: connector.key, reason: state.enabled ? 'not configured' : 'disabled' });
      continue;
    }
    if (!opts.manual) {
      const due = lastDue(state.schedule, now, deps.settings.defaultTimezone);
      if (!due || now.getTime() - due.getTime() > deps.settings.graceMinutes * 60_000) continue;
      const last = lastScheduled.get(connector.key)?.at;
      if (last && Date.parse(last) >= due.getTime()) continue;
    }
    try {
      ran.push(await runConnector(deps, connector, { trigger: opts.manual ? 'manual' : 'schedule' }));
    } catch (err) {
      deps.log.error({ err, connector: connector.key }, 'integration run failed');
      skipped.push({ connector: connector.key, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { ran, skipped };
}
