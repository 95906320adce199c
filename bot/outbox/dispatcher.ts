import { inTransaction, type Db } from '../../db/client';
import type { Logger } from '../logger';
import { DeliveryError, type BatchOutcome, type ChatAdapter, type OutboundMessage, type OutgoingDelivery } from '../platform/port';
import { TokenBucket } from './tokenBucket';

export interface DispatcherOptions {
  db: Db;
  adapters: ChatAdapter[];
  now: () => Date;
  log: Logger;
  maxAttempts: number;
  batchSize: number;
  pollMs?: number;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/** Backoff before attempt n+1: 2s, 4s, 8s … capped at 10 minutes, with ±20% jitter so retries spread out. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Drains the outbox per platform through each adapter's rate limit. Owns retries and dead letters:
 * a failed send is retried with backoff; after maxAttempts it is marked dead with the last error kept.
 */
export class Dispatcher {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly running = new Map<string, Promise<number>>();
  private readonly again = new Set<string>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  // Hot-path statements prepared once (a fan-out runs them tens of thousands of times).
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(private readonly opts: DispatcherOptions) {
    for (const a of opts.adapters) this.buckets.set(a.platform, new TokenBucket(a.ratePerSecond));
    this.sql = prepareStatements(opts.db);
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      void this.drain().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 1000);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.running.values());
  }

  /** Something was enqueued: send it now rather than at the next poll. */
  kick(): void {
    if (!this.stopped) void this.drain();
  }

  /** Sends everything due now on every platform; returns how many were delivered. */
  async drain(): Promise<number> {
    const counts = await Promise.all(this.opts.adapters.map((a) => this.drainPlatform(a)));
    return counts.reduce((s, n) => s + n, 0);
  }

  /** One drain loop per platform at a time; a call during a run makes that run go round once more. */
  private drainPlatform(adapter: ChatAdapter): Promise<number> {
    const p = adapter.platform;
    const running = this.running.get(p);
    if (running) {
      this.again.add(p);
      return running;
    }
    const run = (async () => {
      let sent = 0;
      do {
        this.again.delete(p);
        sent += await this.loop(adapter);
      } while (this.again.has(p) && !this.stopped);
      return sent;
    })().finally(() => this.running.delete(p));
    this.running.set(p, run);
    return run;
  }

  private async loop(adapter: ChatAdapter): Promise<number> {
    let sent = 0;
    for (let guard = 0; guard < 10_000 && !this.stopped; guard++) {
      const batch = this.due(adapter.platform);
      if (batch.length === 0) break;
      sent += await this.sendAll(adapter, lanesOf(groupsFor(adapter, batch)), Math.max(1, adapter.concurrency ?? 1));
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
    let sent = 0;
    inTransaction(this.opts.db, () => {
      rows.forEach((row, i) => {
        const outcome = outcomes[i] ?? { ok: false, error: new Error('adapter returned no outcome') };
        if (outcome.ok) {
          this.markSent(row, outcome.ref);
          sent++;
        } else this.markFailed(adapter, row, outcome.error);
      });
    });
    return sent;
  }

  private due(platform: string): Row[] {
    const { now, batchSize } = this.opts;
    return this.sql.due.all(platform, now().toISOString(), batchSize).map((r) => ({ ...r, payload: JSON.parse(r.payload) as OutboundMessage }));
  }

  private markSent(row: Row, ref: string | undefined): void {
    this.sql.markSent.run(this.opts.now().toISOString(), ref ?? null, row.id);
  }

  private markFailed(adapter: ChatAdapter, row: Row, err: unknown): void {
    const { now, log, maxAttempts } = this.opts;
    const deferred = err instanceof DeliveryError && err.options.deferred === true;
    const attempts = deferred ? row.attempts : row.attempts + 1;
    const retryable = deferred || !(err instanceof DeliveryError) || err.options.retryable;
    const message = err instanceof Error ? err.message : String(err);
    const dead = !retryable || attempts >= maxAttempts;
    const wait = err instanceof DeliveryError && err.options.retryAfterMs != null ? err.options.retryAfterMs : backoffMs(attempts);
    this.sql.markFailed.run(dead ? 'dead' : 'pending', attempts, message.slice(0, 2000), new Date(now().getTime() + wait).toISOString(), row.id);
    if (dead) log.warn({ deliveryId: row.id, platform: adapter.platform, err: message }, 'delivery dead-lettered');
    else log.info({ deliveryId: row.id, platform: adapter.platform, attempts, waitMs: wait }, 'delivery will be retried');
  }
}

interface Row {
  id: number;
  personId: number | null;
  channel: string | null;
  payload: OutboundMessage;
  attempts: number;
}

function prepareStatements(db: Db) {
  const c = db.$client;
  return {
    due: c.prepare<[string, string, number], Omit<Row, 'payload'> & { payload: string }>(
      `select id, person_id as personId, channel, payload, attempts from deliveries
       where status = 'pending' and platform = ? and next_attempt_at <= ? order by next_attempt_at, id limit ?`,
    ),
    markSent: c.prepare<[string, string | null, number]>(
      `update deliveries set status = 'sent', sent_at = ?, attempts = attempts + 1, external_ref = ?, last_error = null where id = ?`,
    ),
    markFailed: c.prepare<[string, number, string, string, number]>(
      `update deliveries set status = ?, attempts = ?, last_error = ?, next_attempt_at = ? where id = ?`,
    ),
  };
}

function toDelivery(row: Row): OutgoingDelivery {
  return {
    id: row.id,
    target: row.personId != null ? { kind: 'person', personId: row.personId } : { kind: 'channel', channel: row.channel ?? '' },
    message: row.payload,
  };
}

/** Single rows, or — for adapters that batch — person messages with identical content, up to maxBatch each. */
function groupsFor(adapter: ChatAdapter, rows: Row[]): Row[][] {
  if (!adapter.sendBatch || (adapter.maxBatch ?? 1) <= 1) return rows.map((r) => [r]);
  const groups = new Map<string, Row[][]>();
  const out: Row[][] = [];
  for (const row of rows) {
    if (row.personId == null) {
      out.push([row]);
      continue;
    }
    const key = JSON.stringify(row.payload);
    const chunks = groups.get(key) ?? [];
    let last = chunks.at(-1);
    if (!last || last.length >= adapter.maxBatch!) {
      last = [];
      chunks.push(last);
      out.push(last);
      groups.set(key, chunks);
    }
    last.push(row);
  }
  return out;
}

/** Groups in lanes by recipient (a batch to many people is a lane of its own), keeping their order. */
function lanesOf(groups: Row[][]): Row[][][] {
  const lanes = new Map<string, Row[][]>();
  groups.forEach((g, i) => {
    const key = g.length > 1 ? `batch:${i}` : g[0].personId != null ? `person:${g[0].personId}` : `channel:${g[0].channel}`;
    const lane = lanes.get(key);
    if (lane) lane.push(g);
    else lanes.set(key, [g]);
  });
  return [...lanes.values()];
}
