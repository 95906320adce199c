/**
 * About one message per second per channel, Slack's rule for chat.postMessage. Runs on the dispatcher's clock,
 * so the wait it asks for is the wait the outbox applies. A message that must wait books the next free slot
 * of its channel: a burst to one channel (a digest thread) goes out in order, one per interval, instead of
 * every message retrying at once and using up its attempts.
 */
export class ChannelPacer {
  private readonly nextFree = new Map<string, number>();
  private readonly booked = new Map<number, { channel: string; at: number }>();

  constructor(private readonly intervalMs = 1000) {}

  /** 0 when this delivery may be sent to the channel now (the slot is taken); otherwise milliseconds to wait. */
  acquire(channel: string, deliveryId: number, now: number): number {
    const booking = this.booked.get(deliveryId);
    if (booking?.channel === channel) {
      if (now < booking.at) return booking.at - now;
      this.booked.delete(deliveryId);
      return 0;
    }
    const free = this.nextFree.get(channel) ?? -Infinity;
    if (now >= free) {
      this.nextFree.set(channel, now + this.intervalMs);
      return 0;
    }
    this.booked.set(deliveryId, { channel, at: free });
    this.nextFree.set(channel, free + this.intervalMs);
    this.forgetOld(now);
    return free - now;
  }

  /** Slots long past and bookings never claimed (the delivery died or went elsewhere) are dropped. */
  private forgetOld(now: number): void {
    if (this.booked.size + this.nextFree.size < 10_000) return;
    for (const [channel, at] of this.nextFree) if (at < now) this.nextFree.delete(channel);
    for (const [id, b] of this.booked) if (b.at < now - 10 * 60_000) this.booked.delete(id);
  }
}
