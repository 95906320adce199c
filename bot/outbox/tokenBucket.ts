/**
 * A token bucket: `rate` tokens per second, bursts up to `burst`. take() waits until a token is free.
 *
 * Waiters queue in order behind one timer: with 64 sends in flight at 1,000/s, a timer per waiting send woke all 64
 * every millisecond to find one token (64,000 wake-ups a second on the loop that also has to send).
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private readonly waiters: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly rate: number,
    private readonly burst = Math.max(1, Math.ceil(rate)),
  ) {
    this.tokens = this.burst;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  take(): Promise<void> {
    if (this.waiters.length === 0) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return Promise.resolve();
      }
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  /** Serves the queue in order as far as the tokens go, then sleeps until the next token for the next waiter. */
  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiters.shift()!();
    }
    if (this.waiters.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000)));
  }

  /**
   * Waits until at least one token is free and takes up to `max` of those free now; returns how many it took.
   * For in-process adapters that write a slice of rows in one transaction.
   */
  async takeUpTo(max: number): Promise<number> {
    await this.take();
    const more = Math.max(0, Math.min(max - 1, Math.floor(this.tokens)));
    this.tokens -= more;
    return 1 + more;
  }

  /** Takes `n` tokens now if that many are free (never waits); false, and nothing taken, if not. */
  tryTake(n: number): boolean {
    if (this.waiters.length > 0) return false; // those waiting come first
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes up to `max` of the tokens free now (never waits); returns how many it took, maybe 0. */
  takeAvailable(max: number): number {
    if (this.waiters.length > 0) return 0;
    this.refill();
    const n = Math.max(0, Math.min(max, Math.floor(this.tokens)));
    this.tokens -= n;
    return n;
  }

  /** Returns tokens taken but not used (a slice ended early). */
  giveBack(n: number): void {
    this.tokens = Math.min(this.burst, this.tokens + n);
    this.schedule();
  }

  /**
   * The platform refused a call for its rate (HTTP 429): its budget is spent, whatever this bucket counted (after a
   * restart this bucket starts full, the platform's may not be). Nothing more goes out until tokens come back at the
   * rate, so the sends queued behind are not refused too.
   */
  spent(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
