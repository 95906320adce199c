import { DeliveryError, type OutgoingDelivery } from '../port';
import type { WecomClient } from './apiClient';
import { toDeliveryError } from './apiErrors';
import type { PartProgress } from './partProgress';
import { bodyOf } from './render';
import { splitText } from './textParts';

/** A group robot takes at most 20 messages a minute. */
export const ROBOT_PER_MINUTE = 20;

/**
 * Announcements (channel deliveries) through the group robot webhook, as text (≤ 2048 bytes a message, longer
 * ones in several). The 20-a-minute window is kept in memory: when it is full the delivery waits for it.
 */
export class RobotSender {
  private sent: number[] = [];

  constructor(
    private readonly client: WecomClient,
    private readonly webhookUrl: string | undefined,
    private readonly now: () => Date,
    private readonly progress: PartProgress,
  ) {}

  async send({ id, message }: OutgoingDelivery): Promise<string | undefined> {
    if (!this.webhookUrl) throw new DeliveryError('WeCom announcements need WECOM_ROBOT_WEBHOOK (a group robot URL)', { retryable: false });
    const parts = splitText(bodyOf(message));
    for (let i = this.progress.doneOf(id); i < parts.length; i++) {
      const wait = this.waitMs();
      if (wait > 0) throw new DeliveryError(`the group robot's ${ROBOT_PER_MINUTE}-a-minute limit is reached`, { retryable: true, retryAfterMs: wait, deferred: true });
      try {
        await this.client.postRobot(this.webhookUrl, { msgtype: 'text', text: { content: parts[i] } });
      } catch (err) {
        throw toDeliveryError(err);
      }
      this.sent.push(this.now().getTime());
      this.progress.advance(id);
    }
    this.progress.clear(id);
    return undefined;
  }

  private waitMs(): number {
    const now = this.now().getTime();
    this.sent = this.sent.filter((t) => t > now - 60_000);
    return this.sent.length < ROBOT_PER_MINUTE ? 0 : this.sent[0] + 60_000 - now + 500;
  }
}
