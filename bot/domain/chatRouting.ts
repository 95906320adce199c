/** Which chat platforms are connected in this process. */
export interface RoutingOptions {
  slack: boolean;
  wecom: boolean;
}

/**
 * The platform that reaches a person with identities on `identityPlatforms`: an enabled platform they have an
 * identity on (Slack first, then WeCom); with Slack enabled and no identity, Slack (found by e-mail at send
 * time); otherwise the built-in local chat.
 */
export function platformFor(identityPlatforms: readonly string[], enabled: RoutingOptions): 'slack' | 'wecom' | 'local' {
  if (enabled.slack && identityPlatforms.includes('slack')) return 'slack';
  if (enabled.wecom && identityPlatforms.includes('wecom')) return 'wecom';
  return enabled.slack ? 'slack' : 'local';
}
