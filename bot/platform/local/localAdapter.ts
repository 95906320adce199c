import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/client';
import { localMessages } from '../../../db/schema';
import type { ChatAdapter, OutgoingDelivery } from '../port';

/**
 * The built-in chat: the embedded default when no Slack or WeCom credentials are set, and the
 * console's chat simulator. "Sending" stores the rendered message where GET /api/local/messages reads it.
 */
export class LocalChatAdapter implements ChatAdapter {
  readonly platform = 'local';

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    readonly ratePerSecond: number,
  ) {}

  async send(delivery: OutgoingDelivery): Promise<string> {
    return inTransaction(this.db, () => this.deliverWithin(delivery));
  }

  /**
   * Stores the message under its delivery id (unique): the dispatcher runs this in the transaction that marks the
   * delivery sent, and a resend of the same delivery (after a crash) finds the message already there.
   */
  deliverWithin({ id, target, message }: OutgoingDelivery): string {
    const row = this.db
      .insert(localMessages)
      .values({
        personId: target.kind === 'person' ? target.personId : null,
        channel: target.kind === 'channel' ? target.channel : null,
        sender: 'bot',
        body: message,
        createdAt: this.now().toISOString(),
        deliveryId: id,
      })
      .onConflictDoUpdate({ target: localMessages.deliveryId, set: { deliveryId: id } })
      .returning({ id: localMessages.id })
      .get();
    return String(row.id);
  }
}
