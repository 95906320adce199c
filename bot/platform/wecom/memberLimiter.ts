/**
 * WeCom accepts at most 30 messages a minute and 1000 an hour per member from one app and silently drops
 * the rest, so the adapter must never go over. This keeps each member's recent sends (a sliding window)
 * and answers either "go" or "wait this long".
 *
 * In memory, seeded at start from the outbox (`deliveries.sent_at` of the last hour), so a restart does not
 * forget what was just sent. A member told to wait holds a reservation for that moment, so messages that
 * arrive meanwhile queue behind it instead of taking its slot (one deferral, not a string of them).
 */
export const MEMBER_LIMITS = [
  { windowMs: 60_000, max: 30 },
  { windowMs: 3_600_000, max: 1000 },
] as const;

interface Member {
  sent: number[];
  /** delivery id → the moment it may go */
  reserved: Map<number, number>;
}

export class MemberLimiter {
  private readonly members = new Map<string, Member>();
  private readonly longest: number;

  constructor(
    private readonly now: () => Date,
    private readonly limits: readonly { windowMs: number; max: number }[] = MEMBER_LIMITS,
  ) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Seeds the windows with sends that happened before this process started. */
  seed(sends: { member: string; at: number }[]): void {
    for (const s of sends) this.member(s.member).sent.push(s.at);
    for (const m of this.members.values()) m.sent.sort((a, b) => a - b);
  }

  /**
   * May `count` messages go to this member now for this delivery? 0 = yes (the caller then calls `record`);
   * otherwise the milliseconds to wait, with the slot reserved for this delivery.
   */
  check(member: string, deliveryId: number, count: number): number {
    const now = this.now().getTime();
    const m = this.member(member);
    this.prune(m, now);
    // A returning delivery yields only to reservations made before its own; a new one queues behind all.
    const mine = m.reserved.get(deliveryId);
    m.reserved.delete(deliveryId);
    const ahead = [...m.reserved.values()].filter((at) => mine === undefined || at < mine).length;
    const waits = this.limits.map((limit) => {
      const inWindow = m.sent.filter((t) => t > now - limit.windowMs);
      const over = inWindow.length + ahead + count - limit.max;
      if (over <= 0) return 0;
      // the window has room again once the `over`-th oldest send in it has aged out
      const oldest = inWindow[Math.min(over, inWindow.length) - 1] ?? now;
      return Math.max(1000, oldest + limit.windowMs - now + 1000 * (ahead + 1));
    });
    const wait = Math.max(...waits);
    if (wait > 0) m.reserved.set(deliveryId, now + wait);
    return wait;
  }

  record(member: string, count: number): void {
    const now = this.now().getTime();
    const m = this.member(member);
    for (let i = 0; i < count; i++) m.sent.push(now);
  }

  private member(id: string): Member {
    let m = this.members.get(id);
    if (!m) {
      m = { sent: [], reserved: new Map() };
      this.members.set(id, m);
    }
    return m;
  }

  /** Drops sends older than the longest window and reservations nobody came back for. */
  private prune(m: Member, now: number): void {
    while (m.sent.length && m.sent[0] <= now - this.longest) m.sent.shift();
    for (const [id, at] of m.reserved) if (at < now - 60_000) m.reserved.delete(id);
  }
}
