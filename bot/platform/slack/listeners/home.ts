import type { App, webApi } from '@slack/bolt';
import { asLocale } from '../../../i18n';
import { myWeek } from '../../../services/people/myWeek';
import { formatMoment } from '../../../services/standup/standupMessages';
import { homeView, unknownHomeView } from '../homeView';
import type { ListenerContext } from './context';

/** Publishes a person's App Home: their week and points, computed now. Publishing again is harmless. */
export async function publishHome(ctx: ListenerContext, client: webApi.WebClient, userId: string): Promise<void> {
  const person = await ctx.directory.personOf(userId);
  if (!person) {
    await client.views.publish({ user_id: userId, view: unknownHomeView(ctx.defaultLocale) });
    return;
  }
  const locale = asLocale(person.locale, ctx.defaultLocale);
  const week = myWeek(ctx.deps, person.id, locale, person.timezone);
  await client.views.publish({ user_id: userId, view: homeView(week, locale, formatMoment(ctx.deps.now(), locale, person.timezone)) });
}

export function registerHome(app: App, ctx: ListenerContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    await publishHome(ctx, client, event.user);
  });
}
