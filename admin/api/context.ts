import type { HealthReport } from '../../bot/http/health';
import type { Config } from '../../bot/config';
import type { Warning } from '../../bot/domain/calendarWarnings';
import type { DeliverNow } from '../../bot/outbox/deliverNow';
import type { ServiceDeps } from '../../bot/services/context';

/** What API routes get: the use-case dependencies, config, and hooks into the running process. */
export interface ApiContext {
  deps: ServiceDeps;
  config: Config;
  /** Delivers what is due in the outbox now; resolves when sent. */
  flushOutbox: () => Promise<unknown>;
  /** Warnings an admin should see (e.g. holiday data missing for next year). */
  warnings: () => Warning[];
  /**
   * The local chat's inbound path: events arriving together share one commit (db/groupCommit.ts), and their replies
   * are delivered in that transaction (bot/outbox/deliverNow.ts). Absent: one transaction per event, replies by
   * flushOutbox.
   */
  inbound?: { commit: <T>(work: () => T) => Promise<T>; deliverNow: DeliverNow };
  /** What /healthz says (bot/http/health.ts); without it, ok. */
  health?: () => HealthReport;
}
