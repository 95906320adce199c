import { App, ExpressReceiver } from '@slack/bolt';
import { Router } from 'express';
import type { PlatformHost, PlatformPlugin } from '../plugin';
import { keepAliveFetch } from '../keepAliveFetch';
import { boltLogger } from './boltLogger';
import { SlackDirectory } from './directory';
import { registerCommand } from './listeners/command';
import type { ListenerContext } from './listeners/context';
import { registerHome } from './listeners/home';
import { registerInteractions } from './listeners/interactions';
import { registerMessages } from './listeners/messages';
import { requestWindow } from './requestWindow';
import { SlackAdapter } from './slackAdapter';
import { verifySignature } from './verifySignature';
import type { SlackDmOpener } from '../../services/people/openSlackDms';

export const SLACK_EVENTS_PATH = '/slack/events';
/**
 * The largest body POST /slack/events reads. Events, interactions (a submitted modal with three long answers
 * included) and slash commands are a few KB to a few tens of KB; 1 MB leaves a wide margin and bounds what an
 * unsigned request can make the process hold.
 */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;
/** A Web API call that takes longer than this is abandoned (and retried by the outbox), never left hanging. */
const WEB_API_TIMEOUT_MS = 10_000;

/**
 * How the app's WebClient talks to Slack (also the bench's floor under the view_submission row, so both send alike).
 */
export function webClientOptions(slackApiUrl: string) {
  return {
    slackApiUrl,
    // The outbox owns retries: a 429 comes straight back (with Retry-After) instead of pausing the client.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: WEB_API_TIMEOUT_MS,
    // Its calls through node:http(s) with keep-alive instead of the global fetch (undici's): ~180 µs less CPU per
    // call (keepAliveFetch.ts), which every chat.update of a submitted form and every message of a fan-out pays.
    fetch: keepAliveFetch(),
  };
}

/**
 * Slack through the real Bolt app. HTTP mode: one ExpressReceiver route, POST /slack/events, for events,
 * interactivity and slash commands, mounted on our Express app. Socket Mode when SLACK_APP_TOKEN is set
 * (no public URL needed). Either way the same listeners, the same adapter for the outbox.
 */
export function createSlackPlugin(host: PlatformHost): PlatformPlugin & { dms: SlackDmOpener } {
  const { config, deps } = host;
  const log = deps.log.child({ platform: 'slack' });
  const logger = boltLogger(log);
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const clientOptions = webClientOptions(config.SLACK_API_URL);

  let receiver: ExpressReceiver | undefined;
  if (!socketMode) {
    const router = Router();
    // Before Bolt, in this order: read the body with a limit (Bolt would read any size), refuse timestamps off
    // either way (Bolt refuses only the past), check the signature (so refusals get our error shape).
    // Bolt then takes req.rawBody instead of the stream.
    router.post(
      SLACK_EVENTS_PATH,
      host.readRawBody(SLACK_BODY_LIMIT_BYTES),
      requestWindow(log),
      verifySignature(config.SLACK_SIGNING_SECRET!, log),
    );
    receiver = new ExpressReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      endpoints: SLACK_EVENTS_PATH,
      router,
      logger,
      // Answer Slack after the handler ran: a handler that fails gets a 500 and Slack retries the event.
      processBeforeResponse: true,
      // verifySignature above has checked this very body (with Bolt's own isValidSlackRequest) and refused the rest:
      // a second HMAC in Bolt was ~3% of a view_submission's time in the profile.
      signatureVerification: false,
    });
  }
  const bolt = new App({
    token: config.SLACK_BOT_TOKEN,
    logger,
    clientOptions,
    // auth.test runs in start(), so a wrong token fails the start with a clear message.
    deferInitialization: true,
    // No listener reads Bolt's conversation store (our conversations live in the database); its lookup on every
    // event was ~4% of a view_submission's time in the profile.
    convoStore: false,
    ...(socketMode ? { socketMode: true, appToken: config.SLACK_APP_TOKEN } : { receiver }),
  });

  const directory = new SlackDirectory(bolt.client, deps.db, () => deps.now().getTime());
  const ctx: ListenerContext = { deps, directory, log, defaultLocale: config.DEFAULT_LOCALE, flush: () => void host.flush(), commit: host.commit };
  registerMessages(bolt, ctx);
  registerInteractions(bolt, ctx);
  registerCommand(bolt, ctx);
  registerHome(bolt, ctx);
  bolt.error(async (error) => {
    log.error({ err: error }, 'a Slack handler failed');
    throw error; // HTTP 500: Slack retries events; people see Slack's own "try again" for a click
  });

  const adapter = new SlackAdapter({ client: bolt.client, directory, db: deps.db, now: deps.now, ratePerSecond: config.SLACK_RATE_PER_SECOND, defaultLocale: config.DEFAULT_LOCALE });
  return {
    adapter,
    dms: { openDm: (userId) => directory.openDm(userId), perMinute: config.SLACK_DM_OPEN_PER_MINUTE },
    mount(web) {
      if (receiver) web.use(receiver.router);
    },
    async start() {
      try {
        await bolt.init();
      } catch (err) {
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test at ${config.SLACK_API_URL}): ${(err as Error).message}`, { cause: err });
      }
      if (socketMode) await bolt.start();
      log.info({ mode: socketMode ? 'socket' : 'http', path: socketMode ? undefined : SLACK_EVENTS_PATH }, 'Slack connected');
    },
    async stop() {
      if (socketMode) await bolt.stop();
    },
  };
}
