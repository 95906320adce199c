import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackApp, waitFor, type SlackTestApp } from '../support/slackTestApp';

describe('Socket Mode (SLACK_APP_TOKEN set: no public URL)', () => {
  let s: SlackTestApp;
  beforeEach(async () => {
    s = await startSlackApp({ socketMode: true });
    await s.fake.socket.connected();
  });
  afterEach(async () => s.close());

  it('connects with the app token and handles envelopes: a DM answer, a slash command, a modal', async () => {
    expect(s.fake.callsTo('apps.connections.open', { ok: true })).toHaveLength(1);
    expect(s.fake.callsTo('auth.test', { ok: true }).length).toBeGreaterThanOrEqual(1);
    // HTTP mode is off: nothing listens on /slack/events.
    expect((await fetch(`${s.t.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);

    await s.t.runJob('standup-prompt');
    await s.settle();
    const li = s.member('li.lei@example.com');
    // One envelope round trip: the event goes out over the WebSocket and comes back acknowledged.
    expect(await li.dm('完成了登录模块', { eventId: 'EvSOCKET1' })).toEqual({ status: 200, body: {} });
    expect(s.fake.socket.received).toContainEqual({ envelope_id: expect.stringMatching(/^env-/), payload: {} });
    // Events are acknowledged before the listener runs: wait for its effect.
    await waitFor(() => s.t.sql(`select answer from standup_answers`).length === 1, 'the answer');
    await s.settle();
    expect(s.t.sql(`select answer from standup_answers`)).toEqual([{ answer: '完成了登录模块' }]);
    expect(li.last().text).toContain('问题 2/3');

    // A redelivered envelope (retry_attempt 1, same event_id) changes nothing.
    await li.dm('完成了登录模块', { eventId: 'EvSOCKET1', retryNum: 1 });
    await waitFor(() => s.t.sql(`select 1 from inbound_events`).length === 1 && s.fake.socket.received.length >= 2, 'the redelivery');
    await new Promise((r) => setTimeout(r, 200)); // the listener runs after the acknowledgement
    await s.settle();
    expect(s.t.sql(`select count(*) as n from standup_answers`)).toEqual([{ n: 1 }]);

    // A slash command's answer travels back in the acknowledgement.
    const help = await li.slash('help');
    expect(help.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(help.body)).toContain('/perf standup');

    await li.click(li.last(), 'slack.standup.open');
    await waitFor(() => li.modal(), 'the modal');
    await li.submitModal([undefined, '无', '接入单点登录']);
    await s.settle();
    expect(s.t.sql(`select count(*) as n from standup_answers`)).toEqual([{ n: 3 }]);
    expect(li.messages()[0].updates).toBe(1);
  });
});
