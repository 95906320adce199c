import type { webApi } from '@slack/bolt';
import type { Db } from '../../../db/client';
import { asLocale, type Locale } from '../../i18n';
import { earlierMessage } from '../../services/chat/messageRefs';
import { DeliveryError, type ChatAdapter, type DeliveryTarget, type OutgoingDelivery } from '../port';
import { ChannelPacer } from './channelPacer';
import { platformErrorCode, toDeliveryError } from './deliveryErrors';
import type { SlackDirectory } from './directory';
import { renderMessage } from './messageBlocks';

export interface SlackAdapterOptions {
  client: webApi.WebClient;
  directory: SlackDirectory;
  db: Db;
  /** The dispatcher's clock: per-channel waits are applied by the outbox on it. */
  now: () => Date;
  /** Workspace-wide budget (SLACK_RATE_PER_SECOND): the dispatcher's token bucket for Slack. */
  ratePerSecond: number;
  defaultLocale: Locale;
  channelIntervalMs?: number;
}

/** A sent Slack message is referenced as "channel:ts" (kept in deliveries.external_ref). */
const REF = /^([A-Z0-9]+):(\d+\.\d+)$/;
const parseRef = (ref: { platform: string; ref: string }) => {
  const m = ref.platform === 'slack' ? REF.exec(ref.ref) : null;
  return m ? { channel: m[1], ts: m[2] } : undefined;
};

/**
 * Delivers outbox messages to Slack: a person's DM (found via the directory) or a channel. Replaces a message
 * in place (chat.update) or answers in a thread when the message says so. Every failure becomes a DeliveryError
 * for the dispatcher, which owns retries and the workspace budget; this class keeps ~1 message/s per channel.
 */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack';
  readonly ratePerSecond: number;
  /**
   * Sends to different people overlap (each waits on Slack, not on us); the token bucket still caps the rate. As
   * many in flight as a quarter second of the budget (Little's law: rate × a Web API call's time), 8 to 64: with 8
   * and calls of ~10 ms, a 1,000/s budget could not be used.
   */
  readonly concurrency: number;
  private readonly pacer: ChannelPacer;

  constructor(private readonly opts: SlackAdapterOptions) {
    this.ratePerSecond = opts.ratePerSecond;
    this.concurrency = Math.min(64, Math.max(8, Math.ceil(opts.ratePerSecond / 4)));
    this.pacer = new ChannelPacer(opts.channelIntervalMs ?? 1000);
  }

  /**
   * The dispatcher claimed these, to be sent in this order: open the DM channels not known yet ahead of them (a
   * first-week prompt was conversations.open, then chat.postMessage, one after the other in the same send slot).
   * Only people whose Slack user is known; the others are looked up by e-mail when sent.
   */
  prepare(deliveries: readonly OutgoingDelivery[]): void {
    const users: string[] = [];
    for (const { target, message } of deliveries) {
      if (target.kind !== 'person' || message.replaces || message.threadOf) continue;
      const found = this.opts.directory.recipient(target.personId);
      if (found?.userId && !found.dm) users.push(found.userId);
    }
    if (users.length > 0) this.opts.directory.openAhead(users, this.concurrency);
  }

  async send(delivery: OutgoingDelivery): Promise<string> {
    try {
      return await this.deliver(delivery);
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  private async deliver({ id, target, message }: OutgoingDelivery): Promise<string> {
    const { client } = this.opts;
    const previous = message.replaces ? this.earlier(message.replaces) : undefined;
    const parent = message.threadOf ? this.earlier(message.threadOf) : undefined;
    const { channel, locale } = await this.destination(target);
    const where = previous?.channel ?? parent?.channel ?? channel;
    const wait = this.pacer.acquire(where, id, this.opts.now().getTime());
    if (wait > 0) throw new DeliveryError(`channel ${where} had a message less than a second ago`, { retryable: true, retryAfterMs: wait, deferred: true });

    const { text, blocks } = renderMessage(message, locale);
    if (previous) {
      try {
        await client.chat.update({ channel: previous.channel, ts: previous.ts, text, blocks });
        return `${previous.channel}:${previous.ts}`;
      } catch (err) {
        // The person deleted the message: say it anew instead.
        if (platformErrorCode(err) !== 'message_not_found') throw err;
      }
    }
    const sent = await client.chat.postMessage({
      channel: parent?.channel ?? channel,
      text,
      blocks,
      ...(parent ? { thread_ts: parent.ts } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return `${sent.channel}:${sent.ts}`;
  }

  private async destination(target: DeliveryTarget): Promise<{ channel: string; locale: Locale }> {
    if (target.kind === 'channel') return { channel: target.channel, locale: this.opts.defaultLocale };
    const { userId, person } = await this.opts.directory.userOf(target.personId);
    return { channel: await this.opts.directory.dmChannel(userId), locale: asLocale(person.locale, this.opts.defaultLocale) };
  }

  /**
   * The Slack message a message replaces or answers in a thread. While that one is still waiting in the outbox,
   * this one waits too (so a prompt is never updated before it exists); if it failed or went elsewhere, undefined.
   */
  private earlier(dedupeKey: string): { channel: string; ts: string } | undefined {
    // One read for both questions (two drizzle reads of the same row before: ~40 µs of each view_submission's update).
    const found = earlierMessage(this.opts.db, dedupeKey);
    if (found?.state === 'pending') throw new DeliveryError(`${dedupeKey} is not sent yet`, { retryable: true, retryAfterMs: 1000, deferred: true });
    return found ? parseRef(found) : undefined;
  }
}
