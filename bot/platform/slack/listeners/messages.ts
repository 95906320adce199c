import type { App, types } from '@slack/bolt';
import { handleInbound } from '../../../conversations/handleInbound';
import { t } from '../../../i18n';
import { claimInbound } from '../../../services/chat/inboundEvents';
import { fromSlackText } from '../slackText';
import type { ListenerContext } from './context';

/**
 * Messages people send the bot in its DM (message.im) go to the same conversation handling as every other
 * chat: answers to the standup one at a time, "points", "edit 2"… The event_id makes a Slack retry a no-op.
 */
export function registerMessages(app: App, ctx: ListenerContext): void {
  app.event('message', async ({ event, body, client }) => {
    const m = event as types.GenericMessageEvent;
    // Edits, joins, files and bots (ourselves included) are not something a person said to us.
    if (m.subtype !== undefined || m.channel_type !== 'im' || !m.user || m.bot_id) return;
    ctx.directory.rememberDm(m.user, m.channel);
    const person = await ctx.directory.personOf(m.user);
    if (!person) {
      if (claimInbound(ctx.deps, 'slack', body.event_id)) await client.chat.postMessage({ channel: m.channel, text: t(ctx.defaultLocale, 'slack.unknownUser') });
      return;
    }
    await ctx.commit(() => handleInbound(ctx.deps, { platform: 'slack', eventKey: body.event_id, personId: person.id, kind: 'text', text: fromSlackText(m.text ?? '') }));
    ctx.flush();
  });
}
