import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_PEOPLE, startSlackApp, type SlackTestApp } from '../support/slackTestApp';

/** A manager and `n - 1` reports, all on Slack. */
function team(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const no = String(i + 1).padStart(2, '0');
    const email = `p${no}@example.com`;
    const manager = i === 0 ? '' : 'p01@example.com';
    return { email, slack: `U0P${no}`, row: `P${no},Person ${no},${email},Sales,${manager},sales,Asia/Shanghai,en,U0P${no},,${i === 0 ? 'manager' : 'employee'}` };
  });
}

describe('delivering to Slack through the outbox', () => {
  let s: SlackTestApp;
  afterEach(async () => s.close());

  const rows = () => s.t.sql<{ status: string; attempts: number; last_error: string | null; next_attempt_at: string }>(`select status, attempts, last_error, next_attempt_at from deliveries order by id`);

  it('rides out a burst of 429s: every prompt is delivered exactly once, after Retry-After', async () => {
    const people = team(12);
    // The fake allows 3 messages a second workspace-wide; the app is told it may send 50.
    s = await startSlackApp({ people, limits: { workspacePerSecond: 3, workspaceBurst: 3 }, env: { SLACK_RATE_PER_SECOND: '50' } });
    await s.t.runJob('standup-prompt');
    await s.t.app.dispatcher.drain();
    const first = rows();
    expect(first.filter((r) => r.status === 'sent')).toHaveLength(3);
    const waiting = first.filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(9);
    // Retry-After: 1 → each waits exactly one second on the outbox clock.
    for (const r of waiting) {
      expect(r.last_error).toBe('Slack rate limit: retry after 1s');
      expect(r.next_attempt_at).toBe(new Date(s.clock.now().getTime() + 1000).toISOString());
    }

    await s.settle(30);
    const last = rows();
    expect(last.every((r) => r.status === 'sent')).toBe(true);
    // Waiting for Retry-After is a deferral, not a failed attempt: nothing used up its attempts.
    expect(last.every((r) => r.attempts === 1)).toBe(true);
    expect(s.fake.callsTo('chat.postMessage', { ok: false }).every((c) => c.status === 429)).toBe(true);
    expect(s.fake.limiter.limited).toBeGreaterThanOrEqual(9);
    for (const p of people) expect(s.fake.dmMessages(p.slack), p.email).toHaveLength(1);
    expect(s.fake.callsTo('chat.postMessage', { ok: true })).toHaveLength(12);
  });

  it('keeps about one message per second in a channel, in order, without being rate limited', async () => {
    s = await startSlackApp();
    await s.t.runJob('standup-prompt');
    await s.settle();
    const li = s.member('li.lei@example.com');
    await li.dm('积分');
    await li.dm('帮助');
    await s.t.app.dispatcher.drain();
    const waiting = rows().filter((r) => r.status === 'pending');
    expect(waiting.map((r) => r.last_error)).toEqual([expect.stringContaining('less than a second ago'), expect.stringContaining('less than a second ago')]);
    const sentAt: number[] = [];
    for (let i = 0; i < 5 && s.pending() > 0; i++) {
      s.clock.advance(1000);
      const before = li.messages().length;
      await s.t.app.dispatcher.drain();
      if (li.messages().length > before) sentAt.push(s.clock.now().getTime());
    }
    expect(sentAt).toHaveLength(2);
    expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(1000);
    expect(li.messages().slice(-2).map((m) => m.text.slice(0, 6))).toEqual([expect.stringContaining('余额'), expect.stringContaining('可以对我说')]);
    expect(s.fake.callsTo('chat.postMessage', { ok: false })).toEqual([]);
    expect(rows().every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true); // pacing is a deferral
  });

  it('retries HTTP errors and rate-limited lookups, and dead-letters what Slack refuses for good', async () => {
    const people = [...SLACK_PEOPLE, { email: 'nobody@example.com', slack: 'U0NOBODY', row: 'E5,无账号,nobody@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee' }];
    s = await startSlackApp({ people, env: { SLACK_DIGEST_CHANNEL: 'C0GONE' } });
    s.fake.state.users.delete('U0NOBODY'); // in our directory, not in Slack
    s.fake.failNext('chat.postMessage', { status: 500 });
    s.fake.failNext('conversations.open', { retryAfter: 2 });
    await s.t.runJob('standup-prompt');
    await s.t.app.dispatcher.drain();
    const byPerson = () =>
      Object.fromEntries(
        s.t.sql<{ email: string; status: string; last_error: string | null }>(`select p.email, d.status, d.last_error from deliveries d join people p on p.id = d.person_id where d.dedupe_key like 'standup-prompt:%'`).map((r) => [r.email, `${r.status}: ${r.last_error ?? ''}`]),
      );
    // Which prompt meets which failure depends on send order; what each outcome means does not.
    expect(Object.values(byPerson()).sort()).toEqual([
      'dead: no Slack user has the e-mail nobody@example.com',
      'pending: Slack answered HTTP 500',
      'pending: Slack rate limit: retry after 2s',
      'sent: ',
      'sent: ',
    ]);
    expect(byPerson()['nobody@example.com']).toMatch(/^dead/);
    await s.settle(30);
    expect(Object.values(byPerson()).filter((v) => v.startsWith('sent'))).toHaveLength(4);

    // A channel the bot cannot post to: dead at once, with Slack's reason kept.
    await s.t.runJob('standup-close');
    await s.settle(30);
    expect(s.t.sql(`select status, attempts, last_error from deliveries where dedupe_key = 'standup-channel:2026-W48:parent'`)).toEqual([
      { status: 'dead', attempts: 1, last_error: 'Slack refused: channel_not_found' },
    ]);
  });
});
