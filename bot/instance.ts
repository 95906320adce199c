import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name for one running instance, written into the rows it claims (outbox deliveries, job leases):
 * readable in the database (host and pid) and unique across restarts.
 */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
