import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_SIGNING_SECRET, startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { eventBody, FORM, JSON_TYPE, postSigned } from '../support/slackSigner';

describe('requests to /slack/events', () => {
  let s: SlackTestApp;
  beforeEach(async () => {
    s = await startSlackApp();
    await s.t.runJob('standup-prompt');
    await s.settle();
  });
  afterEach(async () => s.close());

  const stored = () => ({
    inbound: s.t.sql<{ n: number }>(`select count(*) as n from inbound_events`)[0].n,
    answers: s.t.sql<{ n: number }>(`select count(*) as n from standup_answers`)[0].n,
    deliveries: s.t.sql<{ n: number }>(`select count(*) as n from deliveries`)[0].n,
  });
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a bad signature, a stale timestamp and a future one with 401, storing nothing', async () => {
    const li = s.member('li.lei@example.com');
    const before = stored();
    const callsBefore = s.fake.calls.length;
    expect((await li.dm('伪造的回答', { secret: 'not-the-signing-secret' })).status).toBe(401);
    expect((await li.dm('重放的旧请求', { timestamp: now() - 301 })).status).toBe(401);
    expect((await li.dm('来自未来的请求', { timestamp: now() + 305 })).status).toBe(401);
    expect((await li.slash('points', { timestamp: now() + 3600 })).status).toBe(401);
    expect((await li.click(li.last(), 'slack.standup.open', {}).then(() => li.submitModal(['x', 'y', 'z'], { timestamp: now() - 3600 }))).status).toBe(401);
    const unsigned = await fetch(`${s.t.url}/slack/events`, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: '{}' });
    expect(unsigned.status).toBe(401);
    await s.t.app.dispatcher.drain();
    expect(stored()).toEqual(before);
    // Only the click that opened the modal reached Slack.
    expect(s.fake.calls.slice(callsBefore).map((c) => c.method)).toEqual(['views.open']);
    // Within the window, either side, the same request is welcome.
    expect((await li.dm('完成了A', { timestamp: now() + 200 })).status).toBe(200);
    expect(stored().answers).toBe(1);
  });

  it('processes a retried event once (same event_id)', async () => {
    const li = s.member('li.lei@example.com');
    expect((await li.dm('完成了A', { eventId: 'Ev0RETRY1' })).status).toBe(200);
    expect((await li.dm('完成了A', { eventId: 'Ev0RETRY1', retryNum: 1 })).status).toBe(200);
    expect((await li.dm('完成了A', { eventId: 'Ev0RETRY1', retryNum: 2 })).status).toBe(200);
    await s.settle();
    expect(s.t.sql(`select answer from standup_answers`)).toEqual([{ answer: '完成了A' }]);
    expect(li.messages().filter((m) => m.text.includes('问题 2/3'))).toHaveLength(1);
    expect(s.t.sql(`select count(*) as n from inbound_events where platform = 'slack'`)).toEqual([{ n: 1 }]);
  });

  it('processes a repeated interaction once (same trigger_id)', async () => {
    const li = s.member('li.lei@example.com');
    await li.click(li.last(), 'slack.standup.open');
    const first = await li.submitModal(['完成了A\u0007', '无', '计划B'], { triggerId: '1.2.same' });
    const repeat = await li.submitModal(['完成了A', '无', '计划B'], { triggerId: '1.2.same' });
    expect([first.status, repeat.status]).toEqual([200, 200]);
    await s.settle();
    expect(s.t.sql(`select count(*) as n from standup_answers`)).toEqual([{ n: 3 }]);
    expect(s.t.sql(`select count(*) as n from standup_answers where answer = '完成了A'`)).toEqual([{ n: 1 }]); // the BEL was dropped
    expect(s.t.sql(`select count(*) as n from deliveries where dedupe_key like 'standup-form:%'`)).toEqual([{ n: 1 }]);
    expect(s.fake.callsTo('chat.update')).toHaveLength(1);

    // A Skip click delivered twice is one skip.
    const han = s.member('han.meimei@example.com');
    await han.click(han.last(), 'standup.skip', { triggerId: '9.9.skip' });
    await han.click(han.last(), 'standup.skip', { triggerId: '9.9.skip' });
    await s.settle();
    expect(s.t.sql(`select a.question_index, a.skipped from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.email = 'han.meimei@example.com'`)).toEqual([
      { question_index: 0, skipped: 1 },
    ]);
  });

  it('answers a garbled body with 400 and no details', async () => {
    const bad = await postSigned(`${s.t.url}/slack/events`, SLACK_SIGNING_SECRET, 'payload=%7Bnot-json', FORM);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('');
    const charset = await postSigned(`${s.t.url}/slack/events`, SLACK_SIGNING_SECRET, eventBody({ type: 'url_verification', challenge: 'c1' }), JSON_TYPE);
    expect(await charset.json()).toEqual({ challenge: 'c1' });
  });
});
