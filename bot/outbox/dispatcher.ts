import { inTransaction, isStorageError, type Db } from '../../db/client';
import { GroupCommit } from '../../db/groupCommit';
import { instanceName } from '../instance';
import type { Logger } from '../logger';
import { DeliveryError, type BatchOutcome, type ChatAdapter } from '../platform/port';
import { DeliverAtEnqueue } from './deliverAtEnqueue';
import { DeliverNow } from './deliverNow';
import { claimPlan, groupsFor, lanesOf, parsedInOrder, prepareStatements, toDelivery, type Row } from './dispatchRows';
import { HandOff } from './handOff';
import { TokenBucket } from './tokenBucket';

export { claimPlan } from './dispatchRows';
export type { ClaimedRows } from './handOff';

export interface DispatcherOptions {
  db: Db;
  adapters: ChatAdapter[];
  now: () => Date;
  log: Logger;
  maxAttempts: number;
  batchSize: number;
  pollMs?: number;
  /** This instance's name in the rows it claims; default host:pid:random. */
  instance?: string;
}

const MAX_BACKOFF_MS = 10 * 60_000;
/** After a failed drain (the database refused a write) the poll slows down, doubling up to this. */
const MAX_POLL_BACKOFF_MS = 30_000;
/** An in-process adapter's slice: at most this many rows, or this long, in one transaction before yielding. */
const SLICE_ROWS = 500;
const SLICE_MS = 10;

/** Backoff before attempt n+1: 2s, 4s, 8s … capped at 10 minutes, with ±20% jitter so retries spread out. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** What a drain looks at: everything due, or only the rows handed over (see `sendHanded`). */
type Scope = 'all' | 'handed';

/** What the health check asks the dispatcher. */
export interface DispatcherHealth {
  /** The last drain that failed on the database, if the latest one did (cleared by the next good drain). */
  lastError?: { message: string; at: string };
  /** When a drain last finished or a message last went out (wall clock). */
  lastProgressAt: number;
  running: boolean;
}

export class Dispatcher {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly running = new Map<string, Promise<number>>();
  /** A drain asked for while the platform's run was going: that run goes round once more, as widely as asked. */
  private readonly again = new Map<string, Scope>();
  private readonly byPlatform: ReadonlyMap<string, ChatAdapter>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private pollBackoffMs = 0;
  private lastError?: { message: string; at: string };
  private lastProgressAt = Date.now();
  readonly instance: string;
  /** Sent/failed marks of network sends, committed together when several complete in one turn. */
  private readonly marks: GroupCommit;
  /** In-process deliveries inside the enqueuing transaction (the local chat's replies): see deliverNow.ts. */
  readonly deliverNow: DeliverNow;
  /** enqueue() delivering at once to in-process adapters (a fan-out to the local chat): see deliverAtEnqueue.ts. */
  readonly atEnqueue: DeliverAtEnqueue;
  /** Replies claimed in their enqueuing transaction, handed over after its commit (an inbound event's): handOff.ts. */
  readonly handOff: HandOff;

  // Hot-path statements prepared once (a fan-out runs them tens of thousands of times).
  private readonly sql: ReturnType<typeof prepareStatements>;
  /** One row of an in-process adapter, nested in its slice's transaction: better-sqlite3 runs it in a savepoint. */
  private readonly deliverOne: (adapter: ChatAdapter, row: Row) => void;

  constructor(private readonly opts: DispatcherOptions) {
    for (const a of opts.adapters) this.buckets.set(a.platform, new TokenBucket(a.ratePerSecond));
    this.sql = prepareStatements(opts.db);
    this.deliverOne = opts.db.$client.transaction((adapter: ChatAdapter, row: Row) => {
      const ref = adapter.deliverWithin!(toDelivery(row));
      if (!this.markSent(row, ref)) throw new LeaseLost(row.id);
    });
    this.instance = opts.instance ?? instanceName();
    this.marks = new GroupCommit(opts.db);
    const byPlatform = new Map(opts.adapters.map((a) => [a.platform, a]));
    this.byPlatform = byPlatform;
    this.deliverNow = new DeliverNow(opts.db, byPlatform, this.buckets, this.instance, opts.now);
    this.atEnqueue = new DeliverAtEnqueue(opts.db, byPlatform, this.buckets, this.instance);
    this.handOff = new HandOff({ db: opts.db, sql: this.sql, adapters: byPlatform, instance: this.instance, now: opts.now, batchSize: opts.batchSize, stopped: () => this.stopped });
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      void this.drain().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, (this.opts.pollMs ?? 1000) + this.pollBackoffMs);
      });
    };
    tick();
  }

  /** Stops sending and hands back the rows this instance claimed but did not send, for another instance or a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.running.values());
    this.handOff.clear(); // released below with the rest of this instance's claims
    try {
      this.sql.release.run(this.instance);
    } catch (err) {
      this.opts.log.warn({ err, instance: this.instance }, 'could not release claimed deliveries; they come back when the lease ends');
    }
  }

  health(): DispatcherHealth {
    return { lastError: this.lastError, lastProgressAt: this.lastProgressAt, running: !this.stopped && this.timer !== undefined };
  }

  /** Something was enqueued: send it now rather than at the next poll. */
  kick(): void {
    if (!this.stopped) void this.drain();
  }

  /**
   * Sends the rows handed over for `platform` and nothing else: no "anything due?" read and no claim after them (each
   * an autocommit read or write, which a drain of every platform paid after every batch of callbacks). For a caller
   * whose transactions left nothing unclaimed (`ClaimedRows.left`, handOff.ts); the poll and every other drain still look at all.
   */
  sendHanded(platform: string): Promise<number> {
    const adapter = this.byPlatform.get(platform);
    if (!adapter || this.stopped || (!this.handOff.has(platform) && !this.running.has(platform))) return Promise.resolve(0);
    return this.drainPlatform(adapter, 'handed');
  }

  /** Sends everything due now on every platform; returns how many were delivered. */
  async drain(): Promise<number> {
    const counts = await Promise.all(this.opts.adapters.map((a) => this.drainPlatform(a)));
    return counts.reduce((s, n) => s + n, 0);
  }

  /** One drain loop per platform at a time; a call during a run makes that run go round once more. */
  private drainPlatform(adapter: ChatAdapter, scope: Scope = 'all'): Promise<number> {
    const p = adapter.platform;
    const running = this.running.get(p);
    if (running) {
      this.again.set(p, scope === 'all' || this.again.get(p) === 'all' ? 'all' : 'handed');
      return running;
    }
    const run = (async () => {
      let sent = 0;
      try {
        for (let next: Scope | undefined = scope; next && !this.stopped; ) {
          this.again.delete(p);
          sent += await this.loop(adapter, next);
          next = this.again.get(p);
        }
        this.recovered();
      } catch (err) {
        this.storageFailed(p, err);
      }
      return sent;
    })().finally(() => {
      this.running.delete(p);
      // Rows handed over after this run's last look (in the microtasks before this) go in a run of their own.
      if (this.handOff.has(p) && !this.stopped) void this.drainPlatform(adapter, 'handed');
    });
    this.running.set(p, run);
    return run;
  }

  /** The database refused a claim or a mark: keep the process up, say so in /healthz, and poll less often. */
  private storageFailed(platform: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.lastError = { message, at: new Date().toISOString() };
    this.pollBackoffMs = Math.min(MAX_POLL_BACKOFF_MS, Math.max(1000, this.pollBackoffMs * 2));
    this.opts.log.error({ err: message, code: (err as { code?: string }).code, platform, retryInMs: this.pollBackoffMs }, 'the outbox could not be drained; retrying');
  }

  private recovered(): void {
    if (this.lastError) this.opts.log.info({ since: this.lastError.at }, 'the outbox drains again');
    this.lastError = undefined;
    this.pollBackoffMs = 0;
    this.lastProgressAt = Date.now();
  }

  private async loop(adapter: ChatAdapter, scope: Scope): Promise<number> {
    let sent = 0;
    const plan = claimPlan(adapter, this.opts.batchSize);
    for (let guard = 0; guard < 10_000 && !this.stopped; guard++) {
      // Rows handed over (claimed by their enqueuing transaction) first; then a claim, which cannot meet them: this
      // loop is the platform's only one, and between taking them and claiming it does not yield.
      const batch = this.handOff.take(adapter.platform) ?? (scope === 'all' ? this.claim(adapter.platform, plan) : []);
      if (batch.length === 0) break;
      if (adapter.deliverWithin) sent += await this.deliverAllWithin(adapter, batch);
      else {
        adapter.prepare?.(batch.map(toDelivery)); // e.g. Slack opens unknown DM channels while the first ones are sent
        sent += await this.sendAll(adapter, lanesOf(groupsFor(adapter, batch)), Math.max(1, adapter.concurrency ?? 1));
      }
    }
    return sent;
  }

  /**
   * Sends the lanes with up to `width` in flight (network adapters wait on the platform, not on us). Each lane is
   * one recipient's messages in order, so a person never gets message 2 before message 1.
   */
  private async sendAll(adapter: ChatAdapter, lanes: Row[][][], width: number): Promise<number> {
    let sent = 0;
    let next = 0;
    let sliceStart = performance.now();
    const bucket = this.buckets.get(adapter.platform)!;
    const worker = async () => {
      while (next < lanes.length && !this.stopped) {
        for (const group of lanes[next++]) {
          await bucket.take();
          sent += await this.sendGroup(adapter, group);
          // In-process adapters resolve at once; yield now and then so HTTP and timers are served during a fan-out.
          if (performance.now() - sliceStart > 20) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, lanes.length) }, worker));
    return sent;
  }

  private async sendGroup(adapter: ChatAdapter, rows: Row[]): Promise<number> {
    const deliveriesOut = rows.map(toDelivery);
    let outcomes: BatchOutcome[];
    if (rows.length > 1 && adapter.sendBatch) {
      outcomes = await adapter.sendBatch(deliveriesOut).catch((error: Error) => rows.map(() => ({ ok: false as const, error })));
    } else {
      outcomes = [await adapter.send(deliveriesOut[0]).then((ref) => ({ ok: true as const, ref }), (error: Error) => ({ ok: false as const, error }))];
    }
    // A 429: the platform's budget is spent, whatever our bucket counted (it starts full after a restart, the
    // platform's may not be); the sends queued behind wait for tokens at the rate instead of being refused too.
    if (outcomes.some((o) => !o.ok && o.error instanceof DeliveryError && o.error.options.rateLimited)) this.buckets.get(adapter.platform)!.spent();
    // The marks of the sends that complete in the same turn share one commit (a commit per mark was ~20% of a
    // Slack fan-out's drain in the profile); the lane's next message waits for this commit, so order holds.
    const sent = await this.marks.run(() => {
      let marked = 0;
      rows.forEach((row, i) => {
        const outcome = outcomes[i] ?? { ok: false, error: new Error('adapter returned no outcome') };
        if (outcome.ok) {
          if (this.markSent(row, outcome.ref)) marked++;
        } else this.markFailed(adapter, row, outcome.error);
      });
      return marked;
    });
    if (sent > 0) this.lastProgressAt = Date.now();
    return sent;
  }

  /**
   * An adapter writing into this database: each message and its "sent" mark share one transaction, so a crash or a
   * full disk leaves neither (and the row is sent again later), never a sent row without its message. Rows go in
   * claim order (so one person's in order), in slices of one transaction each, a savepoint per row: a commit per
   * row was 70% of a 10,000-message drain (the profile: ~210 µs of COMMIT each, ~20 µs for the writes). Between
   * slices the loop yields, so HTTP and timers are served during a fan-out.
   */
  private async deliverAllWithin(adapter: ChatAdapter, rows: Row[]): Promise<number> {
    const bucket = this.buckets.get(adapter.platform)!;
    let sent = 0;
    for (let i = 0; i < rows.length && !this.stopped; ) {
      const granted = await bucket.takeUpTo(Math.min(SLICE_ROWS, rows.length - i));
      const slice = this.deliverSlice(adapter, rows.slice(i, i + granted));
      bucket.giveBack(granted - slice.done);
      sent += slice.sent;
      i += slice.done;
      if (slice.sent > 0) this.lastProgressAt = Date.now();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return sent;
  }

  /** One transaction: rows until the slice is done or SLICE_MS have passed; a storage error undoes the slice. */
  private deliverSlice(adapter: ChatAdapter, rows: Row[]): { done: number; sent: number } {
    let done = 0;
    let sent = 0;
    const started = performance.now();
    inTransaction(this.opts.db, () => {
      for (const row of rows) {
        try {
          this.deliverOne(adapter, row); // a savepoint: a row that fails leaves nothing of itself
          sent++;
        } catch (err) {
          if (isStorageError(err)) throw err;
          if (!(err instanceof LeaseLost)) this.markFailed(adapter, row, err); // LeaseLost: another instance delivers it
        }
        done++;
        if (performance.now() - started > SLICE_MS) break;
      }
    });
    return { done, sent };
  }

  /** Takes up to plan.size due rows for this instance, in one statement; they are ours until the lease ends. */
  private claim(platform: string, plan: { size: number; leaseMs: number }): Row[] {
    const at = this.opts.now();
    const now = at.toISOString();
    const until = new Date(at.getTime() + plan.leaseMs).toISOString();
    // Most drains find nothing of a platform due (every kick drains every platform: the local chat's claim in a
    // Slack or WeCom deployment is always empty, and each drain ends on an empty claim). An empty claim is still a
    // write transaction (the UPDATE takes the write lock and commits nothing): ~200 µs each in the app under load,
    // 4,971 of them (1.0 s of the main thread) in the Slack scenario. A read first settles "nothing due" without
    // one. Not atomic with the claim, and need not be: a row enqueued after this read kicks a drain of its own.
    if (!this.sql.anyDue.get(platform, now)) return [];
    return parsedInOrder(this.sql.claim.all(this.instance, until, platform, now, now, this.instance, plan.size));
  }

  /** Marks a claimed row sent; false when the claim was lost (the lease ended and another instance took the row). */
  private markSent(row: Row, ref: string | undefined): boolean {
    const changed = this.sql.markSent.run(this.opts.now().toISOString(), ref ?? null, row.id, this.instance).changes > 0;
    if (!changed) this.opts.log.warn({ deliveryId: row.id, instance: this.instance }, 'a delivery was sent after its claim ended');
    return changed;
  }

  private markFailed(adapter: ChatAdapter, row: Row, err: unknown): void {
    const { now, log, maxAttempts } = this.opts;
    const deferred = err instanceof DeliveryError && err.options.deferred === true;
    const attempts = deferred ? row.attempts : row.attempts + 1;
    const retryable = deferred || !(err instanceof DeliveryError) || err.options.retryable;
    const message = err instanceof Error ? err.message : String(err);
    const dead = !retryable || attempts >= maxAttempts;
    const wait = err instanceof DeliveryError && err.options.retryAfterMs != null ? err.options.retryAfterMs : backoffMs(attempts);
    const at = now();
    this.sql.markFailed.run(dead ? 'dead' : 'pending', attempts, message.slice(0, 2000), new Date(at.getTime() + wait).toISOString(), dead ? at.toISOString() : null, row.id, this.instance);
    if (dead) log.warn({ deliveryId: row.id, platform: adapter.platform, err: message }, 'delivery dead-lettered');
    else log.info({ deliveryId: row.id, platform: adapter.platform, attempts, waitMs: wait }, 'delivery will be retried');
  }
}

class LeaseLost extends Error {
  constructor(id: number) {
    super(`delivery ${id} is no longer claimed by this instance`);
  }
}
