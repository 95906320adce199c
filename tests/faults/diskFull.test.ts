import { afterEach, describe, expect, it } from 'vitest';
import { buildPeople } from '../bench/peopleCsv';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';
import { promptStandup, promptStandupInSlices } from '../../bot/services/standup/promptStandup';
import { recordFault, scaled } from './record';
import { randomDelay } from './processes';

/**
 * Issue 14 #3: the disk fills up in the middle of a fan-out. The app's own connection gets `max_page_count` set to
 * the file's size at a random moment of the drain, so SQLite answers SQLITE_FULL as soon as a write needs a new
 * page — the error a full file system gives. Nothing may be marked sent that was not written, the process stays
 * up and says so in /healthz, and once space returns everything goes out once.
 */
const PEOPLE = scaled(2000, 300);
const RUNS = scaled(5, 1);

describe('a full disk during a fan-out', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  const sentWithoutMessage = `select count(*) as n from deliveries d where d.status = 'sent' and d.platform = 'local'
    and not exists (select 1 from local_messages m where m.delivery_id = d.id)`;
  const messageWithoutSent = `select count(*) as n from local_messages m join deliveries d on d.id = m.delivery_id where d.status != 'sent'`;

  it(`marks nothing sent that was not written, stays up, reports it, and sends everything once when space returns (${PEOPLE} people)`, async () => {
    let lost = 0;
    let doubled = 0;
    for (let run = 0; run < RUNS; run++) {
      t = await TestApp.start({ clock: new TestClock('2026-11-27T08:05:00Z'), env: { LOCAL_RATE_PER_SECOND: '20000' } });
      expect((await t.importPeople(buildPeople(PEOPLE, { identities: false }).csv)).status).toBe(200);
      // Enqueue the fan-out synchronously (the background poll cannot slip in), then fill the disk mid-drain. The
      // ordinary outbox path (no delivery at enqueue time, bot/outbox/deliverAtEnqueue.ts), so that the drain has the
      // whole fan-out to write, as it has for a rate-limited platform.
      promptStandup({ ...t.app.deps, deliverAtEnqueue: undefined }, { manual: true });
      const asked = t.sql<{ n: number }>(`select count(*) as n from deliveries where dedupe_key like 'standup-prompt:%'`)[0].n;
      expect(asked).toBeGreaterThan(PEOPLE * 0.8);
      const client = t.app.db.$client;
      let drained = false;
      const draining = t.app.dispatcher.drain().finally(() => (drained = true));
      // A random moment of the drain, counted in messages sent (up to half of them), not in milliseconds: the local
      // chat writes its messages in slices of one transaction each, so a drain of 2,000 may be over in 60 ms.
      const fillAfter = randomDelay(run === 0 ? 1 : Math.floor(asked / 2));
      const sent = () => t!.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'sent'`)[0].n;
      while (!drained && sent() < fillAfter) await new Promise((r) => setImmediate(r));
      client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`);
      await draining;
      await t.app.dispatcher.drain();

      expect(t.sql(sentWithoutMessage)).toEqual([{ n: 0 }]);
      expect(t.sql(messageWithoutSent)).toEqual([{ n: 0 }]);
      expect(t.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'pending'`)[0].n).toBeGreaterThan(0); // it really filled up
      expect(t.app.dispatcher.health().lastError?.message).toMatch(/full/);
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(503);
      const report = (await health.json()) as { status: string; reasons: { code: string }[] };
      expect(report.status).toBe('degraded');
      expect(report.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['storage', 'outbox_failing']));
      // The API refuses writes clearly and changes nothing.
      const said = await t.request('POST', '/api/local/messages', { employee: 'p00001@bench.example.com', text: '满'.repeat(4000) }); // 12 KB: needs new pages
      expect(said.status).toBe(503);
      expect(await said.json()).toMatchObject({ error: { code: 'storage_unavailable' } });
      expect(t.sql(`select count(*) as n from local_messages where sender = 'person'`)).toEqual([{ n: 0 }]);

      // Space returns: the next drain sends the rest, once each.
      client.pragma('max_page_count = 1073741823');
      await t.app.dispatcher.drain();
      expect(t.sql(`select count(*) as n from deliveries where status != 'sent'`)).toEqual([{ n: 0 }]);
      const perPerson = t.sql<{ n: number }>(
        `select coalesce(got.n, 0) as n from standup_requests r left join (select person_id, count(*) as n from local_messages where sender = 'bot' group by person_id) got on got.person_id = r.person_id`,
      );
      lost += perPerson.filter((p) => p.n === 0).length;
      doubled += perPerson.filter((p) => p.n > 1).length;
      await new Promise((r) => setTimeout(r, 1100)); // past the health answer's one-second cache
      const after = await fetch(`${t.url}/healthz`);
      expect([after.status, await after.json()]).toEqual([200, { status: 'ok' }]);
      await t.destroy();
      t = undefined;
    }
    recordFault({ scenario: 'disk full mid-fan-out, then space returns', scale: `${PEOPLE} people`, runs: RUNS, lost, doubled });
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
  }, 600_000);

  it(`leaves every prompt with its request and message, or none of the three, when the disk fills while the local chat is delivered at enqueue time (${PEOPLE} people)`, async () => {
    let lost = 0;
    let doubled = 0;
    let filled = 0;
    for (let run = 0; run < RUNS; run++) {
      t = await TestApp.start({ clock: new TestClock('2026-11-27T08:05:00Z'), env: { LOCAL_RATE_PER_SECOND: '100000' } });
      expect((await t.importPeople(buildPeople(PEOPLE, { identities: false }).csv)).status).toBe(200);
      const client = t.app.db.$client;
      const asked = () => t!.sql<{ n: number }>(`select count(*) as n from standup_requests`)[0].n;
      let done = false;
      const prompting = promptStandupInSlices(t.app.deps, { manual: true }).then(
        () => 'finished',
        (err: { code?: string }) => err.code ?? 'error',
      ).finally(() => (done = true));
      const fillAfter = randomDelay(run === 0 ? 1 : Math.floor(PEOPLE / 2));
      while (!done && asked() < fillAfter) await new Promise((r) => setImmediate(r));
      client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`);
      const outcome = await prompting;
      expect(outcome === 'finished' || outcome.startsWith('SQLITE_FULL')).toBe(true);
      if (outcome !== 'finished') filled++;

      const halfDone = `select count(*) as n from standup_requests r
        where not exists (select 1 from deliveries d join local_messages m on m.delivery_id = d.id
                          where d.person_id = r.person_id and d.dedupe_key like 'standup-prompt:%' and d.status = 'sent')`;
      expect(t.sql(halfDone)).toEqual([{ n: 0 }]); // a request without its sent prompt and message: never
      expect(t.sql(sentWithoutMessage)).toEqual([{ n: 0 }]);
      expect(t.sql(messageWithoutSent)).toEqual([{ n: 0 }]);

      client.pragma('max_page_count = 1073741823');
      await promptStandupInSlices(t.app.deps, { manual: true }); // space returns: the next run asks the rest
      await t.app.dispatcher.drain();
      expect(t.sql(`select count(*) as n from deliveries where status != 'sent'`)).toEqual([{ n: 0 }]);
      const perPerson = t.sql<{ n: number }>(
        `select coalesce(got.n, 0) as n from people p left join (select person_id, count(*) as n from local_messages where sender = 'bot' group by person_id) got on got.person_id = p.id where p.active = 1`,
      );
      lost += perPerson.filter((p) => p.n === 0).length;
      doubled += perPerson.filter((p) => p.n > 1).length;
      await t.destroy();
      t = undefined;
    }
    recordFault({ scenario: 'disk full while the local fan-out delivers at enqueue time', scale: `${PEOPLE} people`, runs: filled, lost, doubled });
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    expect(filled).toBeGreaterThan(0); // the disk really filled mid-fan-out (run 0 fills after the first request)
  }, 600_000);
});
