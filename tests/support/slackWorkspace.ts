import type { FakeSlack } from './fakeSlack';
import type { FakeMessage, FakeView } from './fakeSlackState';
import { commandBody, eventBody, FORM, interactionBody, JSON_TYPE, postSigned, type SignOptions } from './slackSigner';

type Json = Record<string, unknown>;
export interface Delivered {
  status: number;
  /** The app's answer: the HTTP body (JSON when it is JSON), or the Socket Mode acknowledgement's payload. */
  body: unknown;
}

/** How Slack reaches the app: signed HTTP POSTs to /slack/events, or envelopes over the Socket Mode WebSocket. */
export type Transport = (kind: 'event' | 'interaction' | 'command', payload: Json, opts?: SignOptions & { retryNum?: number }) => Promise<Delivered>;

export function httpTransport(appUrl: string, secret: string): Transport {
  return async (kind, payload, opts = {}) => {
    const body = kind === 'event' ? eventBody(payload) : kind === 'interaction' ? interactionBody(payload) : commandBody(payload as Record<string, string>);
    const retry: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    const res = await postSigned(`${appUrl}/slack/events`, secret, body, kind === 'event' ? JSON_TYPE : FORM, { ...opts, headers: { ...retry, ...opts.headers } });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* plain text answer */
    }
    return { status: res.status, body: parsed };
  };
}

export function socketTransport(fake: FakeSlack): Transport {
  const type = { event: 'events_api', interaction: 'interactive', command: 'slash_commands' } as const;
  return async (kind, payload, opts = {}) => ({ status: 200, body: await fake.socket.deliver(type[kind], payload, { retryAttempt: opts.retryNum }) });
}

/** A Slack workspace as the app sees it: people who DM the bot, click, submit modals and type /perf. */
export class SlackWorkspace {
  private seq = 0;

  constructor(
    readonly fake: FakeSlack,
    readonly transport: Transport,
  ) {}

  member(userId: string): SlackMember {
    return new SlackMember(this, userId);
  }

  next(): number {
    return ++this.seq;
  }

  /** An Events API callback around an event, as Slack wraps it. */
  sendEvent(event: Json, opts: SignOptions & { eventId?: string; retryNum?: number } = {}): Promise<Delivered> {
    const { team, bot, appId } = { team: this.fake.state.team, bot: this.fake.state.bot, appId: this.fake.state.bot.appId };
    const payload = {
      token: 'legacy-verification-token',
      team_id: team.id,
      api_app_id: appId,
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${String(this.next()).padStart(8, '0')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team.id, user_id: bot.userId, is_bot: true, is_enterprise_install: false }],
      event,
    };
    return this.transport('event', payload, opts);
  }
}

export class SlackMember {
  constructor(
    private readonly ws: SlackWorkspace,
    readonly userId: string,
  ) {}

  private get fake(): FakeSlack {
    return this.ws.fake;
  }

  /** What the bot has posted to this person, oldest first. */
  messages(): FakeMessage[] {
    return this.fake.dmMessages(this.userId);
  }

  last(): FakeMessage {
    const m = this.messages().at(-1);
    if (!m) throw new Error(`the bot has not written to ${this.userId}`);
    return m;
  }

  /** The person types in the bot's DM (message.im). */
  dm(text: string, opts: SignOptions & { eventId?: string; retryNum?: number } = {}): Promise<Delivered> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.ws.next()).padStart(6, '0')}`;
    const channel = `D${this.userId.slice(1)}`;
    return this.ws.sendEvent({ type: 'message', channel, user: this.userId, text, ts, event_ts: ts, channel_type: 'im', client_msg_id: `m-${ts}` }, opts);
  }

  openHome(opts: { eventId?: string } = {}): Promise<Delivered> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.ws.next()).padStart(6, '0')}`;
    return this.ws.sendEvent({ type: 'app_home_opened', user: this.userId, channel: `D${this.userId.slice(1)}`, tab: 'home', event_ts: ts }, opts);
  }

  home(): FakeView | undefined {
    return this.fake.state.homes.get(this.userId);
  }

  /** The modal most recently opened for this person. */
  modal(): FakeView | undefined {
    return this.fake.state.modals.filter((m) => m.user === this.userId).at(-1);
  }

  /** Clicks the button with this action id (or label) in a message the bot sent, or in the Home tab. */
  click(where: FakeMessage | 'home', button: string, opts: { triggerId?: string; actionTs?: string } = {}): Promise<Delivered> {
    const blocks = (where === 'home' ? this.home()?.view.blocks : where.blocks) as Json[] | undefined;
    const found = findButton(blocks ?? [], button);
    if (!found) throw new Error(`no button "${button}" there`);
    const { team, bot } = this.fake.state;
    const channel = `D${this.userId.slice(1)}`;
    const container =
      where === 'home'
        ? { container: { type: 'view', view_id: this.home()!.id }, view: { id: this.home()!.id, type: 'home', ...this.home()!.view } }
        : {
            container: { type: 'message', message_ts: where.ts, channel_id: channel, is_ephemeral: false },
            channel: { id: channel, name: 'directmessage' },
            message: { type: 'message', user: bot.userId, bot_id: bot.botId, ts: where.ts, text: where.text, blocks: where.blocks },
          };
    return this.ws.transport('interaction', {
      type: 'block_actions',
      user: { id: this.userId, username: this.userId.toLowerCase(), name: this.userId.toLowerCase(), team_id: team.id },
      api_app_id: bot.appId,
      token: 'legacy-verification-token',
      trigger_id: opts.triggerId ?? this.fake.state.issueTrigger(this.userId),
      team: { id: team.id, domain: team.domain },
      response_url: `${this.fake.url}/actions/${this.ws.next()}`,
      ...container,
      actions: [{ type: 'button', block_id: found.blockId, action_id: found.element.action_id, value: found.element.value, text: found.element.text, action_ts: opts.actionTs ?? `${Date.now() / 1000}` }],
    });
  }

  /**
   * Submits the modal last opened for this person. answers[i] replaces question i's input ('' empties it);
   * undefined leaves what the modal showed (its prefilled value).
   */
  submitModal(answers: (string | undefined)[], opts: SignOptions & { triggerId?: string } = {}): Promise<Delivered> {
    const opened = this.modal();
    if (!opened) throw new Error(`no modal is open for ${this.userId}`);
    const values: Record<string, Record<string, Json>> = {};
    let i = 0;
    for (const b of opened.view.blocks as Json[]) {
      if (b.type !== 'input') continue;
      const el = b.element as Json;
      const given = answers[i++];
      if (el.type === 'static_select') {
        // A select answers with the chosen option (undefined keeps the preselected one).
        const chosen = given === undefined ? ((el.initial_option as Json | undefined) ?? null) : { value: given };
        values[b.block_id as string] = { [el.action_id as string]: { type: 'static_select', selected_option: chosen } };
        continue;
      }
      const value = given === undefined ? ((el.initial_value as string | undefined) ?? null) : given === '' ? null : given;
      values[b.block_id as string] = { [el.action_id as string]: { type: 'plain_text_input', value } };
    }
    const { team, bot } = this.fake.state;
    return this.ws.transport(
      'interaction',
      {
        type: 'view_submission',
        team: { id: team.id, domain: team.domain },
        user: { id: this.userId, username: this.userId.toLowerCase(), name: this.userId.toLowerCase(), team_id: team.id },
        api_app_id: bot.appId,
        token: 'legacy-verification-token',
        trigger_id: opts.triggerId ?? this.fake.state.issueTrigger(this.userId),
        view: { id: opened.id, team_id: team.id, app_id: bot.appId, bot_id: bot.botId, hash: `h${this.ws.next()}`, root_view_id: opened.id, previous_view_id: null, ...opened.view, state: { values } },
        response_urls: [],
      },
      opts,
    );
  }

  /** Types /perf <text>; the answer is what the app acknowledged with. */
  slash(text: string, opts: SignOptions = {}): Promise<Delivered> {
    const { team, bot } = this.fake.state;
    return this.ws.transport(
      'command',
      {
        token: 'legacy-verification-token',
        command: '/perf',
        text,
        response_url: `${this.fake.url}/commands/${this.ws.next()}`,
        trigger_id: this.fake.state.issueTrigger(this.userId),
        user_id: this.userId,
        user_name: this.userId.toLowerCase(),
        team_id: team.id,
        team_domain: team.domain,
        channel_id: `D${this.userId.slice(1)}`,
        channel_name: 'directmessage',
        api_app_id: bot.appId,
      },
      opts,
    );
  }
}

function findButton(blocks: Json[], wanted: string): { blockId: string; element: Json } | undefined {
  for (const b of blocks) {
    const elements = b.type === 'actions' ? (b.elements as Json[]) : b.accessory ? [b.accessory as Json] : [];
    for (const e of elements) {
      const label = (e.text as Json | undefined)?.text;
      if (e.type === 'button' && (e.action_id === wanted || String(e.action_id).startsWith(`${wanted}#`) || label === wanted)) return { blockId: (b.block_id as string) ?? 'auto', element: e };
    }
  }
  return undefined;
}
