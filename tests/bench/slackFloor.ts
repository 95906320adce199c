import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { serveLocally } from './benchServer';
import { webClientOptions } from '../../bot/platform/slack/slackPlugin';

/** The prompt a submission updates, rendered as the app rendered it (the update's blocks and text). */
export interface PromptUpdate {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

export interface BoltFloor {
  url: string;
  /** The chat.update calls answered ok, and refused (a 429 or an error: the floor does not retry). */
  updates: () => { ok: number; refused: number };
  /** Waits for the updates still in flight, then stops the server. */
  close: () => Promise<void>;
}

/**
 * The floor under the app's Slack `view_submission` row: what any Bolt app must spend on a submitted standup form
 * before doing anything of its own. The real Bolt `App` with the receiver's settings a production app needs
 * (processBeforeResponse, so a failed handler gets a 500 and Slack retries; Bolt's own signature check) and one
 * view listener that acks and then sends the one `chat.update` the feature needs (the prompt in the person's DM
 * marked answered: the same rendered update of the same message, through a WebClient with the app's options, to the
 * same fake Slack). It stores nothing, keeps no state and checks no access: the app's own work is the difference.
 */
export async function startBoltFloor(opts: { signingSecret: string; path: string; apiUrl: string; token: string; updates: ReadonlyMap<string, PromptUpdate> }): Promise<BoltFloor> {
  const receiver = new ExpressReceiver({ signingSecret: opts.signingSecret, endpoints: opts.path, processBeforeResponse: true, logLevel: LogLevel.ERROR });
  const bolt = new App({ token: opts.token, receiver, deferInitialization: true, convoStore: false, logLevel: LogLevel.ERROR, clientOptions: webClientOptions(opts.apiUrl) });
  let ok = 0;
  let refused = 0;
  const inFlight = new Set<Promise<void>>();
  bolt.view('slack.standup.form', async ({ ack, body }) => {
    await ack();
    const update = opts.updates.get(body.user.id);
    if (!update) throw new Error(`no prompt to update for ${body.user.id}`);
    const call = bolt.client.chat.update({ channel: update.channel, ts: update.ts, text: update.text, blocks: update.blocks as never }).then(
      () => void ok++,
      () => void refused++,
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
  await bolt.init(); // auth.test, as the app's start
  const server = await serveLocally(receiver.app);
  return {
    url: server.url,
    updates: () => ({ ok, refused }),
    close: async () => {
      await Promise.all(inFlight);
      await server.close();
    },
  };
}
