import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { createLogger } from '../../bot/logger';
import { Dispatcher } from '../../bot/outbox/dispatcher';
import { enqueue } from '../../bot/outbox/enqueue';
import { DeliveryError, type ChatAdapter, type OutgoingDelivery } from '../../bot/platform/port';
import { TestClock } from '../support/clock';

/** An adapter that fails as scripted, then succeeds; records what it delivered. */
class ScriptedAdapter implements ChatAdapter {
  readonly platform = 'local';
  readonly ratePerSecond = 1000;
  delivered: string[] = [];
  constructor(private failures: (DeliveryError | Error)[]) {}
  async send(d: OutgoingDelivery): Promise<string> {
    const next = this.failures.shift();
    if (next) throw next;
    this.delivered.push(d.message.text);
    return `ref-${d.id}`;
  }
}

describe('outbox dispatcher', () => {
  let dir: string;
  let db: Db;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-dispatch-'));
    db = openDatabase(join(dir, 'perf.db'));
    db.$client.exec(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values ('E1','A','a@example.com','Asia/Shanghai','zh-CN','x','x')`);
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const make = (adapter: ChatAdapter, maxAttempts = 3) =>
    new Dispatcher({ db, adapters: [adapter], now: clock.now, log: createLogger('silent'), maxAttempts, batchSize: 100 });
  const put = (key: string, text: string) => enqueue({ db, now: clock.now, route: () => 'local' }, [{ dedupeKey: key, target: { kind: 'person', personId: 1 }, message: { text } }]);
  const row = () => db.$client.prepare('select status, attempts, last_error, next_attempt_at, external_ref from deliveries').get() as Record<string, unknown>;

  it('enqueues once per dedupe key', () => {
    expect(put('k1', 'hello')).toBe(1);
    expect(put('k1', 'hello again')).toBe(0);
  });

  it('retries a transient failure after a backoff and then delivers exactly once', async () => {
    const adapter = new ScriptedAdapter([new DeliveryError('socket hang up')]);
    const d = make(adapter);
    put('k1', 'hello');
    await d.drain();
    expect(row()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'socket hang up' });
    await d.drain(); // not due yet: nothing happens
    expect(adapter.delivered).toEqual([]);
    clock.advance(60_000);
    await d.drain();
    await d.drain();
    expect(adapter.delivered).toEqual(['hello']);
    expect(row()).toMatchObject({ status: 'sent', attempts: 2, external_ref: 'ref-1', last_error: null });
  });

  it('waits exactly as long as the platform asks (Retry-After)', async () => {
    const adapter = new ScriptedAdapter([new DeliveryError('rate limited', { retryable: true, retryAfterMs: 30_000 })]);
    const d = make(adapter);
    put('k1', 'hello');
    await d.drain();
    expect(row().next_attempt_at).toBe(new Date(clock.now().getTime() + 30_000).toISOString());
  });

  it('does not count a rate-limit deferral as an attempt, so a long throttle never dead-letters', async () => {
    const wait = () => new DeliveryError('member limit', { retryable: true, retryAfterMs: 60_000, deferred: true });
    const adapter = new ScriptedAdapter([wait(), wait(), wait(), wait(), wait()]);
    const d = make(adapter, 3);
    put('k1', 'hello');
    for (let i = 0; i < 6; i++) {
      await d.drain();
      clock.advance(61_000);
    }
    expect(adapter.delivered).toEqual(['hello']);
    expect(row()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('dead-letters after the last attempt, keeping the last error', async () => {
    const adapter = new ScriptedAdapter([new Error('e1'), new Error('e2'), new Error('e3'), new Error('e4')]);
    const d = make(adapter, 3);
    put('k1', 'hello');
    for (let i = 0; i < 3; i++) {
      await d.drain();
      clock.advance(20 * 60_000);
    }
    expect(row()).toMatchObject({ status: 'dead', attempts: 3, last_error: 'e3' });
    await d.drain();
    expect(adapter.delivered).toEqual([]);
  });

  it('dead-letters a permanent error at once', async () => {
    const d = make(new ScriptedAdapter([new DeliveryError('user not found', { retryable: false })]));
    put('k1', 'hello');
    await d.drain();
    expect(row()).toMatchObject({ status: 'dead', attempts: 1, last_error: 'user not found' });
  });

  it('sends each pending delivery once even when drains overlap', async () => {
    const adapter = new ScriptedAdapter([]);
    const d = make(adapter);
    for (let i = 0; i < 50; i++) put(`k${i}`, `m${i}`);
    await Promise.all([d.drain(), d.drain(), d.drain()]);
    expect(adapter.delivered).toHaveLength(50);
    expect(new Set(adapter.delivered).size).toBe(50);
  });

  it('batches identical person messages for adapters that can, up to maxBatch per call', async () => {
    const calls: number[] = [];
    const adapter: ChatAdapter = {
      platform: 'local',
      ratePerSecond: 1000,
      maxBatch: 3,
      send: async () => {
        calls.push(1);
        return 'one';
      },
      sendBatch: async (ds) => {
        calls.push(ds.length);
        return ds.map((d) => (d.id === 2 ? { ok: false as const, error: new DeliveryError('invalid user', { retryable: false }) } : { ok: true as const, ref: 'batch' }));
      },
    };
    const insert = db.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, 'P', ?, 'Asia/Shanghai', 'zh-CN', 'x', 'x')`);
    for (let i = 2; i <= 8; i++) insert.run(`E${i}`, `p${i}@example.com`);
    const items = Array.from({ length: 7 }, (_, i) => ({ dedupeKey: `same:${i}`, target: { kind: 'person' as const, personId: i + 1 }, message: { text: 'same' } }));
    enqueue({ db, now: clock.now, route: () => 'local' }, [...items, { dedupeKey: 'other', target: { kind: 'person', personId: 8 }, message: { text: 'other' } }]);
    await make(adapter).drain();
    expect(calls.sort()).toEqual([1, 1, 3, 3]); // 7 identical → 3 + 3 + 1 (a lone row is a plain send), plus the different one
    expect(db.$client.prepare(`select status, count(*) as n from deliveries group by status order by status`).all()).toEqual([
      { status: 'dead', n: 1 },
      { status: 'sent', n: 7 },
    ]);
  });

  it('sends to different people in parallel up to the adapter\'s concurrency, each person\'s messages in order', async () => {
    const insert = db.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, 'P', ?, 'Asia/Shanghai', 'zh-CN', 'x', 'x')`);
    for (let i = 2; i <= 6; i++) insert.run(`E${i}`, `p${i}@example.com`);
    let inFlight = 0;
    let widest = 0;
    const got = new Map<number, string[]>();
    const adapter: ChatAdapter = {
      platform: 'local',
      ratePerSecond: 10_000,
      concurrency: 3,
      send: async (d) => {
        widest = Math.max(widest, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        const pid = d.target.kind === 'person' ? d.target.personId : 0;
        got.set(pid, [...(got.get(pid) ?? []), d.message.text]);
        return 'ok';
      },
    };
    const items = [];
    for (let n = 0; n < 4; n++) for (let p = 1; p <= 6; p++) items.push({ dedupeKey: `k:${p}:${n}`, target: { kind: 'person' as const, personId: p }, message: { text: `m${n}` } });
    enqueue({ db, now: clock.now, route: () => 'local' }, items);
    await make(adapter).drain();
    expect(widest).toBe(3);
    for (let p = 1; p <= 6; p++) expect(got.get(p)).toEqual(['m0', 'm1', 'm2', 'm3']);
  });
});
