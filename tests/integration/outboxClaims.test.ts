import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { createLogger } from '../../bot/logger';
import { Dispatcher, claimPlan } from '../../bot/outbox/dispatcher';
import { enqueue } from '../../bot/outbox/enqueue';
import { LocalChatAdapter } from '../../bot/platform/local/localAdapter';
import { TestClock } from '../support/clock';

/** Two dispatchers on two connections to one file behave as two processes do: SQLite serialises their writes. */
describe('outbox claims (issue 14 #2, #7)', () => {
  let dir: string;
  let a: Db;
  let b: Db;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  const PEOPLE = 2000;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perf-claims-'));
    a = openDatabase(join(dir, 'perf.db'));
    b = openDatabase(join(dir, 'perf.db'));
    const insert = a.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', 'x', 'x')`);
    a.$client.transaction(() => {
      for (let i = 1; i <= PEOPLE; i++) insert.run(`E${i}`, `P${i}`, `p${i}@example.com`);
    })();
    enqueue(
      { db: a, now: clock.now, route: () => 'local' },
      Array.from({ length: PEOPLE }, (_, i) => ({ dedupeKey: `prompt:${i + 1}`, target: { kind: 'person' as const, personId: i + 1 }, message: { text: `hello ${i + 1}` } })),
    );
  });
  afterEach(() => {
    a.$client.close();
    b.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const dispatcher = (db: Db, instance: string) =>
    new Dispatcher({ db, adapters: [new LocalChatAdapter(db, clock.now, 100_000)], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 200, instance });
  const messagesPerPerson = () => a.$client.prepare(`select person_id, count(*) as n from local_messages group by person_id having n != 1`).all();

  it('two instances draining one outbox together deliver each message exactly once', async () => {
    const one = dispatcher(a, 'one');
    const two = dispatcher(b, 'two');
    const [sentOne, sentTwo] = await Promise.all([one.drain(), two.drain()]);
    expect(sentOne + sentTwo).toBe(PEOPLE);
    expect(sentOne).toBeGreaterThan(0);
    expect(sentTwo).toBeGreaterThan(0); // both really took part
    expect(a.$client.prepare(`select count(*) as n from local_messages`).get()).toEqual({ n: PEOPLE });
    expect(messagesPerPerson()).toEqual([]);
    expect(a.$client.prepare(`select count(*) as n from deliveries where status != 'sent' or claimed_until is not null`).get()).toEqual({ n: 0 });
    expect(a.$client.prepare(`select claimed_by as instance, count(*) as n from deliveries group by claimed_by order by 1`).all()).toEqual([
      { instance: 'one', n: sentOne },
      { instance: 'two', n: sentTwo },
    ]);
  });

  it("leaves a crashed instance's claimed rows alone until its lease ends, then sends them once", async () => {
    const plan = claimPlan(new LocalChatAdapter(a, clock.now, 100_000), 200);
    // An instance claimed 200 rows and died (kill -9): nobody else may send them while its lease holds.
    a.$client
      .prepare(`update deliveries set claimed_by = 'crashed', claimed_until = ? where id in (select id from deliveries order by id limit 200)`)
      .run(new Date(clock.now().getTime() + plan.leaseMs).toISOString());
    const survivor = dispatcher(b, 'survivor');
    expect(await survivor.drain()).toBe(PEOPLE - 200);
    clock.advance(plan.leaseMs + 1000);
    expect(await survivor.drain()).toBe(200);
    expect(messagesPerPerson()).toEqual([]);
    expect(a.$client.prepare(`select count(*) as n from local_messages`).get()).toEqual({ n: PEOPLE });
  });

  it('a local message is written once per delivery, even when the same delivery is sent again', async () => {
    const adapter = new LocalChatAdapter(a, clock.now, 1000);
    const delivery = { id: 1, target: { kind: 'person' as const, personId: 1 }, message: { text: 'hello 1' } };
    const first = await adapter.send(delivery);
    const again = await adapter.send(delivery);
    expect(again).toBe(first);
    expect(a.$client.prepare(`select count(*) as n from local_messages where delivery_id = 1`).get()).toEqual({ n: 1 });
  });

  it('gives back what it claimed when it stops', async () => {
    const d = dispatcher(a, 'stopping');
    a.$client.prepare(`update deliveries set claimed_by = 'stopping', claimed_until = '2999-01-01T00:00:00.000Z' where id <= 10`).run();
    await d.stop();
    expect(a.$client.prepare(`select count(*) as n from deliveries where claimed_by is not null`).get()).toEqual({ n: 0 });
  });

  it('writes the local chat in slices with a savepoint per row: a failing row leaves nothing of itself, the others go out in order', async () => {
    /** Writes its message, then fails for person 7: the savepoint must take the message back with the failure. */
    class FailsForSeven extends LocalChatAdapter {
      override deliverWithin(d: Parameters<LocalChatAdapter['deliverWithin']>[0]): string {
        const ref = super.deliverWithin(d);
        if (d.target.kind === 'person' && d.target.personId === 7) throw new Error('renderer broke');
        return ref;
      }
    }
    enqueue({ db: a, now: clock.now, route: () => 'local' }, [{ dedupeKey: 'second:1', target: { kind: 'person', personId: 1 }, message: { text: 'hello again 1' } }]);
    const d = new Dispatcher({ db: a, adapters: [new FailsForSeven(a, clock.now, 100_000)], now: clock.now, log: createLogger('silent'), maxAttempts: 3, batchSize: 200, instance: 'one' });
    let turns = 0;
    const ticking = setInterval(() => turns++, 1);
    const sent = await d.drain();
    clearInterval(ticking);
    expect(sent).toBe(PEOPLE); // everyone's first message but person 7's, and person 1's second
    expect(turns).toBeGreaterThan(0); // timers ran between slices
    expect(a.$client.prepare(`select status, attempts, last_error from deliveries where person_id = 7`).get()).toEqual({ status: 'pending', attempts: 1, last_error: 'renderer broke' });
    expect(a.$client.prepare(`select count(*) as n from local_messages where person_id = 7`).get()).toEqual({ n: 0 });
    expect(a.$client.prepare(`select count(*) as n from deliveries d where status = 'sent' and not exists (select 1 from local_messages m where m.delivery_id = d.id)`).get()).toEqual({ n: 0 });
    const toOne = a.$client.prepare(`select json_extract(body, '$.text') as text from local_messages where person_id = 1 order by id`).all();
    expect(toOne).toEqual([{ text: 'hello 1' }, { text: 'hello again 1' }]);
  });
});
