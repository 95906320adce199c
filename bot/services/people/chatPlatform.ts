import type { ServiceDeps } from '../context';

export type PersonPlatform = 'local' | 'slack' | 'wecom';

/**
 * Where a person really chats: the platform the outbox reaches them on, or the platform of an identity they
 * have even when that platform is switched off here. Only 'local' people may be typed for in the simulator.
 */
export function chatPlatformOf(deps: ServiceDeps, personId: number, identityPlatforms: readonly string[]): PersonPlatform {
  const routed = deps.route({ kind: 'person', personId });
  if (routed === 'slack' || routed === 'wecom') return routed;
  if (identityPlatforms.includes('slack')) return 'slack';
  if (identityPlatforms.includes('wecom')) return 'wecom';
  return 'local';
}
