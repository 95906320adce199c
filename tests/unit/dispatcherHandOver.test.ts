import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../db/client';
import { createLogger } from '../../bot/logger';
import { Dispatcher } from '../../bot/outbox/dispatcher';
import { enqueue } from '../../bot/outbox/enqueue';
import type { BatchOutcome, ChatAdapter, OutgoingDelivery } from '../../bot/platform/port';
import { TestClock } from '../support/clock';
import { peopleDb } from '../support/peopleDb';

/** A network-style adapter (no in-process delivery) whose calls can be held open; records every call in order. */
class GatedAdapter implements ChatAdapter {
  readonly platform = 'net';
  readonly ratePerSecond = 1000;
  readonly maxBatch = 100;
  calls: { people: number[]; texts: string[] }[] = [];
  private gate?: Promise<void>;
  private open?: () => void;
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open?.();
    this.gate = undefined;
  }
  async send(d: OutgoingDelivery): Promise<string> {
    return (await this.sendBatch([d]))[0].ok ? `ref-${d.id}` : '';
  }
  async sendBatch(ds: OutgoingDelivery[]): Promise<BatchOutcome[]> {
    this.calls.push({ people: ds.map((d) => (d.target.kind === 'person' ? d.target.personId : 0)), texts: ds.map((d) => d.message.text) });
    await this.gate;
    return ds.map((d) => ({ ok: true as const, ref: `ref-${d.id}` }));
  }
}

describe('replies claimed in the transaction that enqueued them (HandOff.claimSince / handOver, Dispatcher.sendHanded)', () => {
  let db: Db;
  let close: () => void;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  beforeEach(() => {
    ({ db, close } = peopleDb('perf-handover-', 3));
  });
  afterEach(() => close());

  const make = (adapter: ChatAdapter) => new Dispatcher({ db, adapters: [adapter], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 100, instance: 'me' });
  const put = (key: string, personId: number, text: string) =>
    enqueue({ db, now: clock.now, route: () => 'net' }, [{ dedupeKey: key, target: { kind: 'person', personId }, message: { text } }]);
  /** One transaction as an inbound event's processing runs it: mark, enqueue, claim what it enqueued. */
  const enqueueAndClaim = (d: Dispatcher, ...rows: [key: string, personId: number, text: string][]) =>
    inTransaction(db, () => {
      const mark = d.handOff.mark();
      for (const [key, personId, text] of rows) put(key, personId, text);
      return d.handOff.claimSince('net', mark);
    });
  const statuses = () => db.$client.prepare('select dedupe_key as key, status, claimed_by as claimedBy, claimed_until is not null as leased from deliveries order by id').all();

  it('claims what the transaction enqueued, and sends it once, even with a drain running and another started', async () => {
    const adapter = new GatedAdapter();
    const d = make(adapter);
    put('before', 1, 'earlier prompt');
    adapter.hold();
    const running = d.drain(); // in flight: 'before' is claimed and being sent
    await new Promise((r) => setImmediate(r));
    const claimed = enqueueAndClaim(d, ['reply:2', 2, 'question 2'], ['reply:3', 3, 'question 2']);
    expect(claimed.rows.map((r) => r.personId)).toEqual([2, 3]);
    d.handOff.handOver(claimed);
    const another = d.drain(); // joins the running drain, which takes the handed rows before it claims again
    adapter.release();
    await Promise.all([running, another, d.drain()]);
    expect(adapter.calls).toEqual([
      { people: [1], texts: ['earlier prompt'] },
      { people: [2, 3], texts: ['question 2', 'question 2'] }, // one batch, as the handed rows share a body
    ]);
    expect(statuses()).toEqual([
      { key: 'before', status: 'sent', claimedBy: 'me', leased: 0 },
      { key: 'reply:2', status: 'sent', claimedBy: 'me', leased: 0 },
      { key: 'reply:3', status: 'sent', claimedBy: 'me', leased: 0 },
    ]);
  });

  it("leaves a reply to someone with an older message still queued to the drain, which sends them in order", async () => {
    const adapter = new GatedAdapter();
    const d = make(adapter);
    put('reminder', 1, 'a reminder');
    const claimed = enqueueAndClaim(d, ['reply:1', 1, 'question 2'], ['reply:2', 2, 'question 2']);
    expect(claimed.rows.map((r) => r.personId)).toEqual([2]);
    d.handOff.handOver(claimed);
    await d.drain();
    expect(adapter.calls.flatMap((c) => c.people.map((p, i) => `${p}:${c.texts[i]}`))).toEqual(['2:question 2', '1:a reminder', '1:question 2']);
    expect(statuses().map((r) => (r as { status: string }).status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('claims nothing when the transaction rolls back, and nothing of another platform', async () => {
    const adapter = new GatedAdapter();
    const d = make(adapter);
    let claimed: ReturnType<Dispatcher['handOff']['claimSince']> | undefined;
    expect(() =>
      inTransaction(db, () => {
        const mark = d.handOff.mark();
        put('reply:1', 1, 'question 2');
        claimed = d.handOff.claimSince('net', mark);
        throw new Error('the processing failed after enqueuing');
      }),
    ).toThrow('the processing failed');
    expect(claimed?.rows).toHaveLength(1); // what the caller must drop: the claim rolled back with the rows
    expect(statuses()).toEqual([]);
    expect(d.handOff.claimSince('local', 0).rows).toEqual([]); // no adapter for it here
    await d.drain();
    expect(adapter.calls).toEqual([]);
  });

  it('says when the transaction left something unclaimed; sendHanded sends only what was handed over, a drain the rest', async () => {
    const adapter = new GatedAdapter();
    const d = make(adapter);
    const clean = enqueueAndClaim(d, ['reply:2', 2, 'question 2']);
    expect(clean.left).toBe(false);
    d.handOff.handOver(clean);
    put('reminder', 3, 'a reminder'); // due, enqueued elsewhere, never claimed
    const blocked = enqueueAndClaim(d, ['reply:3', 3, 'question 2']); // behind the reminder
    expect(blocked).toMatchObject({ rows: [], left: true });

    expect(await d.sendHanded('net')).toBe(1);
    expect(adapter.calls).toEqual([{ people: [2], texts: ['question 2'] }]);
    expect(await d.sendHanded('net')).toBe(0); // nothing handed: no drain at all

    adapter.hold();
    const handedOnly = d.sendHanded('net'); // nothing to send, nothing running: settles at once
    const handOverAgain = enqueueAndClaim(d, ['reply:1', 1, 'question 3']);
    d.handOff.handOver(handOverAgain);
    const narrow = d.sendHanded('net');
    const wide = d.drain(); // joins the running handed-only run and widens it to everything due
    adapter.release();
    await Promise.all([handedOnly, narrow, wide]);
    expect(adapter.calls.slice(1).flatMap((c) => c.people.map((p, i) => `${p}:${c.texts[i]}`))).toEqual(['1:question 3', '3:a reminder', '3:question 2']);
  });

  it('hands back, at stop, rows handed over but not sent', async () => {
    const adapter = new GatedAdapter();
    const d = make(adapter);
    const claimed = enqueueAndClaim(d, ['reply:1', 1, 'question 2']);
    d.handOff.handOver(claimed);
    await d.stop();
    expect(statuses()).toEqual([{ key: 'reply:1', status: 'pending', claimedBy: null, leased: 0 }]);
    const next = make(adapter); // the restarted process
    await next.drain();
    expect(adapter.calls).toEqual([{ people: [1], texts: ['question 2'] }]);
  });
});
