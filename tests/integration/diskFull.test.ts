import { afterEach, describe, expect, it } from 'vitest';
import { buildPeople } from '../bench/peopleCsv';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';
import { promptStandup } from '../../bot/services/standup/promptStandup';

/**
 * Issue 14 #3: a full disk. The app's own connection gets `max_page_count` set to the file's size, so SQLite
 * answers SQLITE_FULL as soon as a write needs a new page — the same error a full file system gives.
 */
describe('a full disk', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('marks nothing sent that was not written, keeps the process up, says so in /healthz, and sends everything once when space returns', async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T08:05:00Z') });
    const { csv } = buildPeople(300, { identities: false });
    expect((await t.importPeople(csv)).status).toBe(200);
    // Enqueue the fan-out and fill the disk in the same synchronous step, before the dispatcher's next poll.
    promptStandup(t.app.deps, { manual: true });
    const client = t.app.db.$client;
    client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`);
    const asked = t.sql<{ n: number }>(`select count(*) as n from deliveries where dedupe_key like 'standup-prompt:%'`)[0].n;
    expect(asked).toBeGreaterThan(200);

    await t.app.dispatcher.drain();

    const sentWithoutMessage = `select count(*) as n from deliveries d where d.status = 'sent' and d.platform = 'local'
      and not exists (select 1 from local_messages m where m.delivery_id = d.id)`;
    const messageWithoutSent = `select count(*) as n from local_messages m join deliveries d on d.id = m.delivery_id where d.status != 'sent'`;
    expect(t.sql(sentWithoutMessage)).toEqual([{ n: 0 }]);
    expect(t.sql(messageWithoutSent)).toEqual([{ n: 0 }]);
    const stillPending = t.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'pending'`)[0].n;
    expect(stillPending).toBeGreaterThan(0); // the disk really filled up mid-fan-out
    expect(t.app.dispatcher.health().lastError?.message).toMatch(/full/);

    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(503);
    const report = (await health.json()) as { status: string; reasons: { code: string }[] };
    expect(report.status).toBe('degraded');
    expect(report.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['storage', 'outbox_failing']));

    // Space returns: the next drain sends the rest, once each.
    client.pragma('max_page_count = 1073741823');
    await t.app.dispatcher.drain();
    expect(t.sql(`select count(*) as n from deliveries where status != 'sent'`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from local_messages where sender = 'bot'`)).toEqual([{ n: asked }]);
    expect(t.sql(`select count(*) as n from (select person_id from local_messages group by person_id having count(*) > 1)`)).toEqual([{ n: 0 }]);
    await new Promise((r) => setTimeout(r, 1100)); // past the health answer's one-second cache
    const after = await fetch(`${t.url}/healthz`);
    expect([after.status, await after.json()]).toEqual([200, { status: 'ok' }]);
  });
});
