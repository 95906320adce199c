import { platformFor } from '../../domain/chatRouting';
import type { ServiceDeps } from '../context';

export type PersonPlatform = 'local' | 'slack' | 'wecom';

/**
 * Where a person really chats: the platform the outbox reaches them on, or the platform of an identity they
 * have even when that platform is switched off here. Only 'local' people may be typed for in the simulator.
 * Decided from their identities without a query, so a list of people costs nothing per row.
 */
export function chatPlatformOf(deps: Pick<ServiceDeps, 'chatPlatforms'>, identityPlatforms: readonly string[]): PersonPlatform {
  const routed = platformFor(identityPlatforms, deps.chatPlatforms);
  if (routed !== 'local') return routed;
  if (identityPlatforms.includes('slack')) return 'slack';
  if (identityPlatforms.includes('wecom')) return 'wecom';
  return 'local';
}
