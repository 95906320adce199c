import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, type Db } from '../../db/client';
import { createLogger } from '../../bot/logger';
import { Dispatcher } from '../../bot/outbox/dispatcher';
import { enqueue, type OutboxItem } from '../../bot/outbox/enqueue';
import { LocalChatAdapter } from '../../bot/platform/local/localAdapter';
import { TestClock } from '../support/clock';

/**
 * A fan-out to the local chat delivers as it enqueues (bot/outbox/deliverAtEnqueue.ts): the outbox row is written
 * sent, beside its message, in the causing transaction. Within the rate, never ahead of a queued message of the same
 * person, once per dedupe key, and all or nothing with the transaction.
 */
describe('delivering at enqueue time (local chat)', () => {
  let dir: string;
  let db: Db;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  const PEOPLE = 300;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-at-enqueue-'));
    db = openDatabase(join(dir, 'perf.db'));
    const insert = db.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', 'x', 'x')`);
    db.$client.transaction(() => {
      for (let i = 1; i <= PEOPLE; i++) insert.run(`E${i}`, `P${i}`, `p${i}@example.com`);
    })();
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outbox = { now: clock.now, route: () => 'local' };
  const dispatcher = (rate: number, adapter = new LocalChatAdapter(db, clock.now, rate)) =>
    new Dispatcher({ db, adapters: [adapter], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 500, instance: 'me' });
  const prompts = (from: number, to: number, tag = 'prompt'): OutboxItem[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ dedupeKey: `${tag}:${from + i}`, target: { kind: 'person' as const, personId: from + i }, message: { text: `${tag} ${from + i}` } }));
  const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
  const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
  const byStatus = () => all<{ status: string; n: number }>(`select status, count(*) as n from deliveries group by status order by status`);
  const sentWithoutMessage = `select count(*) as n from deliveries d where d.status = 'sent' and not exists (select 1 from local_messages m where m.delivery_id = d.id)`;
  const messageWithoutSent = `select count(*) as n from local_messages m left join deliveries d on d.id = m.delivery_id where m.sender = 'bot' and (d.id is null or d.status != 'sent')`;

  it('writes each row sent with its message in the same transaction: no claim, nothing left to drain', async () => {
    const d = dispatcher(100_000);
    const n = inTransaction(db, () => d.atEnqueue.enqueue({ db, ...outbox }, prompts(1, PEOPLE)));
    expect(n).toBe(PEOPLE);
    expect(byStatus()).toEqual([{ status: 'sent', n: PEOPLE }]);
    expect(one(sentWithoutMessage)).toEqual({ n: 0 });
    expect(one(`select count(*) as n from local_messages where sender = 'bot'`)).toEqual({ n: PEOPLE });
    expect(one(`select attempts, claimed_by as by, claimed_until as until, sent_at as at from deliveries where dedupe_key = 'prompt:42'`)).toEqual({ attempts: 1, by: 'me', until: null, at: clock.now().toISOString() });
    expect(one(`select m.person_id as person, json_extract(m.body, '$.text') as text from local_messages m join deliveries d on d.id = m.delivery_id where d.dedupe_key = 'prompt:42'`)).toEqual({ person: 42, text: 'prompt 42' });
    expect(await d.drain()).toBe(0);
    // The same keys again: nothing new, no second message.
    expect(inTransaction(db, () => d.atEnqueue.enqueue({ db, ...outbox }, prompts(1, PEOPLE)))).toBe(0);
    expect(one(`select count(*) as n from local_messages`)).toEqual({ n: PEOPLE });
  });

  it('delivers only as many as the rate allows now; the rest wait for the dispatcher and go out once', async () => {
    const d = dispatcher(50); // a bucket of 50 tokens
    inTransaction(db, () => d.atEnqueue.enqueue({ db, ...outbox }, prompts(1, PEOPLE)));
    const sentNow = one<{ n: number }>(`select count(*) as n from deliveries where status = 'sent'`).n;
    expect(sentNow).toBeGreaterThan(0);
    expect(sentNow).toBeLessThanOrEqual(51);
    expect(one(`select count(*) as n from local_messages`)).toEqual({ n: sentNow });
    // The first ones in order went at once; the pending ones are the rest, by id after them.
    expect(one(`select max(id) < (select min(id) from deliveries where status = 'pending') as ordered from deliveries where status = 'sent'`)).toEqual({ ordered: 1 });
    const fast = dispatcher(100_000);
    await fast.drain();
    expect(byStatus()).toEqual([{ status: 'sent', n: PEOPLE }]);
    expect(all(`select person_id, count(*) as n from local_messages group by person_id having n != 1`)).toEqual([]);
    expect(one(sentWithoutMessage)).toEqual({ n: 0 });
  });

  it("never overtakes a person's queued message: theirs waits behind it, others go at once", async () => {
    // Person 5 and 6 have a message waiting (enqueued the ordinary way, not sent yet).
    enqueue({ db, ...outbox }, [...prompts(5, 6, 'earlier')]);
    const d = dispatcher(100_000);
    inTransaction(db, () => d.atEnqueue.enqueue({ db, ...outbox }, [...prompts(1, 10), ...prompts(1, 10, 'second')]));
    expect(all(`select dedupe_key as k, status from deliveries where person_id = 5 order by id`)).toEqual([
      { k: 'earlier:5', status: 'pending' },
      { k: 'prompt:5', status: 'pending' },
      { k: 'second:5', status: 'pending' },
    ]);
    // Person 1's two messages both went, in order.
    expect(all(`select json_extract(body, '$.text') as text from local_messages where person_id = 1 order by id`)).toEqual([{ text: 'prompt 1' }, { text: 'second 1' }]);
    await d.drain();
    for (const person of [5, 6]) {
      expect(all(`select json_extract(body, '$.text') as text from local_messages where person_id = ? order by id`, person)).toEqual([
        { text: `earlier ${person}` },
        { text: `prompt ${person}` },
        { text: `second ${person}` },
      ]);
    }
    expect(byStatus()).toEqual([{ status: 'sent', n: 22 }]);
  });

  it('leaves nothing when the causing transaction fails, and everything pending when the adapter refuses', async () => {
    const d = dispatcher(100_000);
    expect(() =>
      inTransaction(db, () => {
        d.atEnqueue.enqueue({ db, ...outbox }, prompts(1, 20));
        throw new Error('the cause failed');
      }),
    ).toThrow('the cause failed');
    expect(one(`select (select count(*) from deliveries) + (select count(*) from local_messages) as n`)).toEqual({ n: 0 });

    class Refuses extends LocalChatAdapter {
      override deliverAllWithin(deliveries: Parameters<LocalChatAdapter['deliverAllWithin']>[0]): void {
        super.deliverAllWithin(deliveries); // written, then the refusal: the savepoint takes it back
        throw new Error('renderer broke');
      }
    }
    const refusing = dispatcher(100_000, new Refuses(db, clock.now, 100_000));
    expect(inTransaction(db, () => refusing.atEnqueue.enqueue({ db, ...outbox }, prompts(1, 20)))).toBe(20);
    expect(byStatus()).toEqual([{ status: 'pending', n: 20 }]);
    expect(one(`select count(*) as n from local_messages`)).toEqual({ n: 0 });
    await d.drain(); // the ordinary path delivers them, one message each
    expect(byStatus()).toEqual([{ status: 'sent', n: 20 }]);
    expect(one(messageWithoutSent)).toEqual({ n: 0 });
    expect(one(sentWithoutMessage)).toEqual({ n: 0 });
  });
});
