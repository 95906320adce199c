import { inboundEvents } from '../../db/schema';
import type { ServiceDeps } from './context';

/**
 * Records an inbound event under its platform key; false when it was already recorded (a retry).
 * Call inside the transaction of the event's effects, so a crash leaves it unrecorded and a retry redoes it.
 */
export function claimInbound(deps: Pick<ServiceDeps, 'db' | 'now'>, platform: string, eventKey: string): boolean {
  return (
    deps.db.insert(inboundEvents).values({ platform, eventKey, receivedAt: deps.now().toISOString() }).onConflictDoNothing().run().changes === 1
  );
}
