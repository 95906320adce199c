import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { FakeSlack } from '../support/fakeSlack';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { addSlackUsers, SLACK_PEOPLE, SLACK_SIGNING_SECRET, SLACK_TEAM_CSV, settleOutbox } from '../support/slackTestApp';

/**
 * A person's Slack DM channel is kept in the database: after a restart, a known person's prompt is one Web API
 * call (chat.postMessage), with no conversations.open. A new Slack id for the person forgets the old channel.
 */
describe('Slack DM channels across a restart', () => {
  let app: TestApp | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await app?.destroy();
    await fake?.close();
    app = fake = undefined;
  });

  it('opens each DM once, keeps it, and after a restart sends the next week with one call per prompt', async () => {
    const clock = new TestClock('2026-11-27T07:00:00Z');
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    addSlackUsers(fake);
    const dir = mkdtempSync(join(tmpdir(), 'perf-slack-dm-'));
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, SLACK_SIGNING_SECRET };
    const deliverAll = (t: TestApp) => settleOutbox(t, clock, 30);

    app = await TestApp.start({ clock, dir, env });
    expect((await app.importPeople(SLACK_TEAM_CSV)).status).toBe(200);
    expect(await app.runJob('standup-prompt')).toMatchObject({ asked: 4 });
    await deliverAll(app);
    expect(fake.callsTo('conversations.open')).toHaveLength(4);
    expect(fake.callsTo('chat.postMessage', { ok: true })).toHaveLength(4);
    const kept = app.sql<{ slack: string; dm: string }>(`select external_id as slack, dm_channel as dm from identities where platform = 'slack' order by external_id`);
    expect(kept).toHaveLength(4);
    for (const { slack, dm } of kept) expect(dm).toBe(fake.state.dm(slack).id);
    await app.stop();

    // A new process on the same file, a week later: nothing in memory, every DM from the database.
    clock.set('2026-12-04T07:00:00Z');
    app = await TestApp.start({ clock, dir, env });
    const before = fake.calls.length;
    expect(await app.runJob('standup-prompt')).toMatchObject({ asked: 4 });
    await deliverAll(app);
    const calls = fake.calls.slice(before).map((c) => c.method);
    expect(calls.filter((m) => m === 'conversations.open')).toEqual([]);
    expect(calls.filter((m) => m !== 'auth.test')).toEqual(['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.postMessage']);
    for (const p of SLACK_PEOPLE) expect(fake.dmMessages(p.slack).filter((m) => /2026-W49/.test(m.text))).toHaveLength(1);

    // 李雷 gets a new Slack account in the directory: the channel kept for the old one is forgotten.
    fake.addUser({ id: 'U0LILEI2', email: 'li.lei@example.com', name: 'li.lei' });
    const moved = SLACK_PEOPLE[1].row.replace(',U0LILEI,', ',U0LILEI2,');
    expect((await app.importPeople(`${PEOPLE_HEADER}\n${moved}`)).status).toBe(200);
    expect(app.sql(`select external_id, dm_channel from identities i join people p on p.id = i.person_id where p.email = 'li.lei@example.com' and platform = 'slack'`)).toEqual([
      { external_id: 'U0LILEI2', dm_channel: null },
    ]);
  });
});
