/** Rate limits of the fake Slack, on the fake's clock (tests share the app's test clock with it). */

export interface FakeSlackLimits {
  /** chat.postMessage per channel: Slack allows "generally one message per second per channel", short bursts. */
  channelPerSecond: number;
  channelBurst: number;
  /** chat.postMessage across the workspace (Slack: "several hundred per minute"); null = unlimited. */
  workspacePerSecond: number | null;
  workspaceBurst: number;
  /** Other methods by tier, calls per minute (e.g. conversations.open: Tier 3, 50+); absent = unlimited. */
  methodPerMinute: Record<string, number>;
}

export const DEFAULT_LIMITS: FakeSlackLimits = { channelPerSecond: 1, channelBurst: 1, workspacePerSecond: null, workspaceBurst: 1, methodPerMinute: {} };

/** A token bucket: `wait` says how many seconds until a token is free (Slack's Retry-After is whole seconds). */
export class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  wait(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, now);
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Tokens free at `now` (refilled, not taken). */
  peek(now: number): number {
    return Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
  }
}

/** The buckets of one fake workspace, created on first use. A refused call takes no token anywhere. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  limited = 0;

  constructor(
    public limits: FakeSlackLimits,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait before this call may be made, or 0 (and the call is counted). */
  check(method: string, channel?: string): number {
    const now = this.now();
    const buckets: Bucket[] = [];
    const perMinute = this.limits.methodPerMinute[method];
    if (perMinute) buckets.push(this.bucket(`method:${method}`, perMinute / 60, Math.max(1, Math.ceil(perMinute / 60)), now));
    if (method === 'chat.postMessage') {
      const { workspacePerSecond, workspaceBurst, channelPerSecond, channelBurst } = this.limits;
      if (workspacePerSecond) buckets.push(this.bucket('workspace', workspacePerSecond, workspaceBurst, now));
      if (channel) buckets.push(this.bucket(`channel:${channel}`, channelPerSecond, channelBurst, now));
    }
    const wait = Math.max(0, ...buckets.map((b) => b.wait(now)));
    if (wait > 0) this.limited++;
    else for (const b of buckets) b.take();
    return wait;
  }

  /** Tokens free now in a bucket ('workspace', 'channel:<id>', 'method:<name>'); null when it was not used yet. */
  tokens(key: string): number | null {
    return this.buckets.get(key)?.peek(this.now()) ?? null;
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string, perSecond: number, burst: number, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(perSecond, burst, now)));
    return b;
  }
}
