import { sql } from 'drizzle-orm';
import { inboundEvents } from '../../../db/schema';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';

/**
 * Records an inbound event under its platform key; false when it was already recorded (a retry).
 * Call inside the transaction of the event's effects, so a crash leaves it unrecorded and a retry redoes it.
 */
export function claimInbound(deps: Pick<ServiceDeps, 'db' | 'now'>, platform: string, eventKey: string): boolean {
  const { db } = deps;
  const statement = preparedOnce(db, 'inboundEvents.claim', () =>
    db
      .insert(inboundEvents)
      .values({ platform: sql.placeholder('platform'), eventKey: sql.placeholder('eventKey'), receivedAt: sql.placeholder('receivedAt') })
      .onConflictDoNothing()
      .prepare(),
  );
  return statement.run({ platform, eventKey, receivedAt: deps.now().toISOString() }).changes === 1;
}
