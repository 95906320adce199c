import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { GroupCommit } from '../../db/groupCommit';
import { createLogger } from '../../bot/logger';
import { Dispatcher } from '../../bot/outbox/dispatcher';
import { enqueue } from '../../bot/outbox/enqueue';
import { LocalChatAdapter } from '../../bot/platform/local/localAdapter';
import { TestClock } from '../support/clock';
import { peopleDb } from '../support/peopleDb';

/** Issue 15, inbound: one commit for the events of one turn, and local replies delivered in the event's transaction. */
describe('group commit and replies delivered with the event', () => {
  let db: Db;
  let close: () => void;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  const sql = <T>(q: string, ...args: unknown[]) => db.$client.prepare(q).all(...args) as T[];
  beforeEach(() => {
    ({ db, close } = peopleDb('perf-inbound-', 3));
  });
  afterEach(() => close());

  const outbox = { now: clock.now, route: () => 'local' };
  const say = (personId: number, key: string, text = key) => enqueue({ db, ...outbox }, [{ dedupeKey: key, target: { kind: 'person', personId }, message: { text } }]);

  it('commits the units of one turn together; a failing unit undoes only itself and rejects only its caller', async () => {
    const group = new GroupCommit(db);
    let commitsSeen = 0;
    // A unit that observes whether it runs inside an open transaction shared with the others.
    const unit = (i: number) => () => {
      if (db.$client.inTransaction) commitsSeen++;
      say(1, `unit:${i}`);
      if (i === 3) throw new Error('unit 3 refused');
      return i;
    };
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => group.run(unit(i))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(commitsSeen).toBe(4);
    expect(sql<{ k: string }>(`select dedupe_key as k from deliveries order by id`).map((r) => r.k)).toEqual(['unit:1', 'unit:2', 'unit:4']);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('runs one-statement units (no savepoint) in the same commit; one refusing before its statement rejects only itself', async () => {
    const group = new GroupCommit(db);
    const insert = db.$client.prepare(`insert into deliveries (dedupe_key, platform, person_id, payload, next_attempt_at, created_at) values (?, 'local', ?, '{}', 'x', 'x')`);
    const inOpenTransaction: boolean[] = [];
    const one = (key: string, personId: number) => () => {
      inOpenTransaction.push(db.$client.inTransaction);
      if (personId === 0) throw new Error('no such person'); // refused before its one statement ran
      return insert.run(key, personId).changes;
    };
    const results = await Promise.allSettled([
      group.run(one('one:1', 1), { oneStatement: true }),
      group.run(one('one:2', 0), { oneStatement: true }),
      group.run(() => say(2, 'two')),
      group.run(one('one:3', 3), { oneStatement: true }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.value))).toEqual([1, 'Error: no such person', 1, 1]);
    expect(inOpenTransaction).toEqual([true, true, true]);
    expect(sql<{ k: string }>(`select dedupe_key as k from deliveries order by id`).map((r) => r.k)).toEqual(['one:1', 'two', 'one:3']);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('answers nobody before the commit, and a storage error fails the whole group with nothing stored', async () => {
    const group = new GroupCommit(db);
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const first = group.run(() => say(1, 'a'));
    const second = group.run(() => {
      say(2, 'b');
      throw full;
    });
    let settledEarly = false;
    void first.then(() => (settledEarly = true), () => (settledEarly = true));
    expect(settledEarly).toBe(false); // not even the first is answered before its group ran
    await expect(first).rejects.toBe(full);
    await expect(second).rejects.toBe(full);
    expect(sql(`select * from deliveries`)).toEqual([]);
    // the next turn commits normally
    await group.run(() => say(3, 'c'));
    expect(sql<{ n: number }>(`select count(*) as n from deliveries`)).toEqual([{ n: 1 }]);
  });

  const dispatcher = (instance: string) =>
    new Dispatcher({ db, adapters: [new LocalChatAdapter(db, clock.now, 100_000)], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 200, instance });
  const inTx = <T>(fn: () => T) => db.$client.transaction(fn).immediate();

  it('writes the replies of the event into the local chat in its transaction, marked sent by this instance', () => {
    const d = dispatcher('me');
    const delivered = inTx(() => {
      const since = d.deliverNow.mark();
      say(1, 'reply:1:0', 'first');
      say(1, 'reply:1:1', 'second');
      return d.deliverNow.deliverSince(since);
    });
    expect(delivered).toBe(true);
    expect(sql(`select dedupe_key as k, status, claimed_by as by, attempts from deliveries order by id`)).toEqual([
      { k: 'reply:1:0', status: 'sent', by: 'me', attempts: 1 },
      { k: 'reply:1:1', status: 'sent', by: 'me', attempts: 1 },
    ]);
    expect(sql<{ body: string }>(`select body from local_messages where person_id = 1 order by id`).map((r) => JSON.parse(r.body).text)).toEqual(['first', 'second']);
  });

  it('leaves a reply pending behind an earlier message of that person still queued or claimed, and delivers the others', async () => {
    const d = dispatcher('me');
    say(1, 'prompt:1', 'the prompt'); // not yet delivered: the reply must not overtake it
    db.$client.prepare(`update deliveries set claimed_by = 'other', claimed_until = '2026-11-27T09:00:00.000Z'`).run();
    const delivered = inTx(() => {
      const since = d.deliverNow.mark();
      say(1, 'reply:1:0', 'to person 1');
      say(2, 'reply:2:0', 'to person 2');
      return d.deliverNow.deliverSince(since);
    });
    expect(delivered).toBe(false);
    expect(sql(`select dedupe_key as k, status from deliveries order by id`)).toEqual([
      { k: 'prompt:1', status: 'pending' },
      { k: 'reply:1:0', status: 'pending' },
      { k: 'reply:2:0', status: 'sent' },
    ]);
    // once the other instance's lease is over the dispatcher sends person 1's rows in their order
    clock.set('2026-11-27T09:00:01Z');
    await d.drain();
    expect(sql<{ body: string }>(`select body from local_messages where person_id = 1 order by id`).map((r) => JSON.parse(r.body).text)).toEqual(['the prompt', 'to person 1']);
  });

  it('leaves replies pending when the rate allows no more now', () => {
    const d = new Dispatcher({ db, adapters: [new LocalChatAdapter(db, clock.now, 1)], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 200, instance: 'me' });
    const delivered = inTx(() => {
      const since = d.deliverNow.mark();
      say(1, 'r1');
      say(2, 'r2');
      return d.deliverNow.deliverSince(since);
    });
    expect(delivered).toBe(false);
    expect(sql(`select dedupe_key as k, status from deliveries order by id`)).toEqual([
      { k: 'r1', status: 'sent' },
      { k: 'r2', status: 'pending' },
    ]);
  });
});
