import type { Db } from '../../db/client';
import { platformFor, type RoutingOptions } from '../domain/chatRouting';
import type { DeliveryTarget } from './port';

export type { RoutingOptions };

/**
 * Which platform reaches a target. A person: `platformFor` their identities (bot/domain/chatRouting.ts).
 * Channels: Slack, else the WeCom group robot, else local.
 */
export function createRouter(db: Db, enabled: RoutingOptions): (target: DeliveryTarget) => string {
  const lookup = db.$client.prepare<[number], { platform: string }>('select platform from identities where person_id = ?');
  return (target) => {
    if (target.kind === 'channel') return enabled.slack ? 'slack' : enabled.wecom ? 'wecom' : 'local';
    if (!enabled.slack && !enabled.wecom) return 'local';
    return platformFor(lookup.all(target.personId).map((r) => r.platform), enabled);
  };
}

