import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERF_COMMAND } from '../../bot/platform/slack/ids';
import { SLACK_EVENTS_PATH } from '../../bot/platform/slack/slackPlugin';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'docs/slack-app-manifest.json'), 'utf8'));

/** Event types the Slack listeners subscribe to, read from their source: the manifest must ask for exactly these. */
function subscribedEvents(): string[] {
  const dir = join(root, 'bot/platform/slack/listeners');
  const events = readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/app\.event\('([a-z_.]+)'/g)].map((m) => m[1]));
  // Bolt's 'message' listener is fed by message.im: the bot only reads its own DMs.
  return events.map((e) => (e === 'message' ? 'message.im' : e)).sort();
}

describe('the Slack app manifest (docs/slack-app-manifest.json)', () => {
  it('asks for exactly the events the app listens to, and the scopes those and its API calls need', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(subscribedEvents());
    // chat.postMessage/update, /perf, message.im, conversations.open, users.info, users.lookupByEmail.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email']);
    // Sign in with Slack (OpenID Connect): user scopes and the callback the sign-in route serves.
    expect([...manifest.oauth_config.scopes.user].sort()).toEqual(['email', 'openid', 'profile']);
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://perf.example.com/auth/slack/callback']);
  });

  it('sends events, interactivity and /perf to the one endpoint, and lets people write to the bot', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([PERF_COMMAND]);
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0].url];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
