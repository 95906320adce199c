/**
 * How many parts of a multi-part delivery (a long digest split at 2048 bytes) already went out, so a retry
 * continues where the failure happened instead of repeating earlier parts. In memory: after a crash the
 * earlier parts of the one message in flight may be sent again, the outbox's usual at-worst.
 */
export class PartProgress {
  private readonly done = new Map<number, number>();

  doneOf(deliveryId: number): number {
    return this.done.get(deliveryId) ?? 0;
  }

  advance(deliveryId: number): void {
    this.done.set(deliveryId, this.doneOf(deliveryId) + 1);
  }

  clear(deliveryId: number): void {
    this.done.delete(deliveryId);
  }
}
