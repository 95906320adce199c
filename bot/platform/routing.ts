import type { Db } from '../../db/client';
import type { DeliveryTarget } from './port';

export interface RoutingOptions {
  slack: boolean;
  wecom: boolean;
}

/**
 * Which platform reaches a target. A person: the platform of an identity they have on an enabled platform
 * (Slack first, then WeCom); with Slack enabled and no identity, Slack (found by e-mail at send time);
 * otherwise the built-in local chat. Channels: Slack, else the WeCom group robot, else local.
 */
export function createRouter(db: Db, enabled: RoutingOptions): (target: DeliveryTarget) => string {
  const lookup = db.$client.prepare<[number], { platform: string }>('select platform from identities where person_id = ?');
  return (target) => {
    if (target.kind === 'channel') return enabled.slack ? 'slack' : enabled.wecom ? 'wecom' : 'local';
    if (!enabled.slack && !enabled.wecom) return 'local';
    return platformFor(lookup.all(target.personId).map((r) => r.platform), enabled);
  };
}

/** The platform that reaches a person with identities on `identityPlatforms` (the rule above, without I/O). */
export function platformFor(identityPlatforms: readonly string[], enabled: RoutingOptions): 'slack' | 'wecom' | 'local' {
  if (enabled.slack && identityPlatforms.includes('slack')) return 'slack';
  if (enabled.wecom && identityPlatforms.includes('wecom')) return 'wecom';
  return enabled.slack ? 'slack' : 'local';
}
