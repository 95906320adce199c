import type { App, RespondArguments } from '@slack/bolt';
import { parseCommand } from '../../../conversations/commands';
import { asLocale, t, type Locale } from '../../../i18n';
import { leaderboardReply, pointsReply } from '../../../services/points/pointsChat';
import { standupFormFor } from '../../../services/standup/standupForm';
import type { OutboundMessage } from '../../port';
import { PERF_COMMAND } from '../ids';
import { renderMessage } from '../messageBlocks';
import { formModal } from '../standupModal';
import type { ListenerContext } from './context';

/** Only the person who typed it sees the answer. */
const ephemeral = (message: OutboundMessage, locale: Locale): RespondArguments => ({ response_type: 'ephemeral', ...renderMessage(message, locale) });

/**
 * `/perf standup | points | leaderboard | help` (or the Chinese words the chat understands), answered in the
 * person's own language. `standup` opens the modal; the rest answer at once in the acknowledgement.
 */
export function registerCommand(app: App, ctx: ListenerContext): void {
  app.command(PERF_COMMAND, async ({ command, ack, client }) => {
    const person = await ctx.directory.personOf(command.user_id);
    if (!person) {
      await ack(ephemeral({ text: t(ctx.defaultLocale, 'slack.unknownUser') }, ctx.defaultLocale));
      return;
    }
    const locale = asLocale(person.locale, ctx.defaultLocale);
    const text = command.text.trim();
    const parsed = text === '' ? { name: 'help' as const } : parseCommand(text);
    switch (parsed?.name) {
      case 'standup':
      case 'edit': {
        const form = standupFormFor(ctx.deps, person.id, locale);
        if (form.kind !== 'open') {
          await ack(ephemeral({ text: t(locale, form.kind === 'closed' ? 'standup.closed' : 'standup.nothingOpen', form.kind === 'closed' ? { week: form.periodKey } : {}) }, locale));
          return;
        }
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view: formModal(form) });
        return;
      }
      case 'points':
        await ack(ephemeral(pointsReply(ctx.deps, person.id, locale), locale));
        return;
      case 'leaderboard':
        await ack(ephemeral(leaderboardReply(ctx.deps, person.id, locale), locale));
        return;
      case 'help':
        await ack(ephemeral({ text: t(locale, 'slack.command.help') }, locale));
        return;
      default:
        await ack(ephemeral({ text: `${t(locale, 'slack.command.unknown', { text })}\n\n${t(locale, 'slack.command.help')}` }, locale));
    }
  });
}
