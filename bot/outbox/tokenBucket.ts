/** A token bucket: `rate` tokens per second, bursts up to `burst`. take() waits until a token is free. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly rate: number,
    private readonly burst = Math.max(1, Math.ceil(rate)),
  ) {
    this.tokens = this.burst;
  }

  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.rate) * 1000)));
    }
  }

  /**
   * Waits until at least one token is free and takes up to `max` of those free now; returns how many it took.
   * For in-process adapters that write a slice of rows in one transaction.
   */
  async takeUpTo(max: number): Promise<number> {
    await this.take();
    const more = Math.min(max - 1, Math.floor(this.tokens));
    this.tokens -= more;
    return 1 + more;
  }

  /** Takes `n` tokens now if that many are free (never waits); false, and nothing taken, if not. */
  tryTake(n: number): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes up to `max` of the tokens free now (never waits); returns how many it took, maybe 0. */
  takeAvailable(max: number): number {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    const n = Math.max(0, Math.min(max, Math.floor(this.tokens)));
    this.tokens -= n;
    return n;
  }

  /** Returns tokens taken but not used (a slice ended early). */
  giveBack(n: number): void {
    this.tokens = Math.min(this.burst, this.tokens + n);
  }
}
