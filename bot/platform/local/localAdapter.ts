import type { Db } from '../../../db/client';
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

  async send({ target, message }: OutgoingDelivery): Promise<string> {
    const row = this.db
      .insert(localMessages)
      .values({
        personId: target.kind === 'person' ? target.personId : null,
        channel: target.kind === 'channel' ? target.channel : null,
        sender: 'bot',
        body: message,
        createdAt: this.now().toISOString(),
      })
      .returning({ id: localMessages.id })
      .get();
    return String(row.id);
  }
}
