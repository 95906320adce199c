import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/client';
import { inChunks, rowsStatement } from '../../services/multiRow';
import type { ChatAdapter, OutgoingDelivery } from '../port';

/**
 * The built-in chat: the embedded default when no Slack or WeCom credentials are set, and the
 * console's chat simulator. "Sending" stores the rendered message where GET /api/local/messages reads it.
 */
export class LocalChatAdapter implements ChatAdapter {
  readonly platform = 'local';

  /** Prepared once: a fan-out runs it for every message (a drizzle insert built per message cost ~40 µs). */
  private readonly insert: Statement<[number | null, string | null, string, string, number], { id: number }>;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    readonly ratePerSecond: number,
  ) {
    this.insert = db.$client.prepare(
      `insert into local_messages (person_id, channel, sender, body, created_at, delivery_id) values (?, ?, 'bot', ?, ?, ?)
       on conflict (delivery_id) do update set delivery_id = excluded.delivery_id
       returning id`,
    );
  }

  async send(delivery: OutgoingDelivery): Promise<string> {
    return inTransaction(this.db, () => this.deliverWithin(delivery));
  }

  /**
   * Stores the message under its delivery id (unique): the dispatcher runs this in the transaction that marks the
   * delivery sent, and a resend of the same delivery (after a crash) finds the message already there.
   */
  deliverWithin({ id, target, message }: OutgoingDelivery): string {
    const row = this.insert.get(
      target.kind === 'person' ? target.personId : null,
      target.kind === 'channel' ? target.channel : null,
      JSON.stringify(message),
      this.now().toISOString(),
      id,
    )!;
    return String(row.id);
  }

  /** The same for many deliveries, 64 rows per statement (a fan-out delivering at enqueue time). */
  deliverAllWithin(deliveries: readonly (OutgoingDelivery & { json?: string })[]): void {
    const at = this.now().toISOString();
    inChunks(deliveries, (chunk) => {
      const params: unknown[] = [];
      for (const { id, target, message, json } of chunk) {
        params.push(target.kind === 'person' ? target.personId : null, target.kind === 'channel' ? target.channel : null, json ?? JSON.stringify(message), at, id);
      }
      rowsStatement(this.db, 'local.messages', chunk.length, 'insert into local_messages (person_id, channel, sender, body, created_at, delivery_id)', "(?, ?, 'bot', ?, ?, ?)", 'on conflict (delivery_id) do nothing').run(...params);
    });
  }
}
