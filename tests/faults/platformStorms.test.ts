import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import type { FakeUser } from '../support/fakeWecom';
import { PEOPLE_HEADER } from '../support/harness';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { startWecomApp } from '../support/wecomHarness';
import { recordFault, scaled } from './record';

/**
 * A 429 storm from Slack and 45009 from WeCom during a standup-prompt fan-out, then a token expiry: everything is
 * delivered exactly once. Lost and doubled are counted from what the fake platforms received, not from the outbox.
 */

const PEOPLE = scaled(2000, 100);
const SCALE = `${PEOPLE.toLocaleString('en-US')} people`;
/** Friday 27 Nov 2026, 16:01 in Shanghai: the standup prompt is due for everyone. */
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
/** Bounded drive loop: at most this many drains (each moves the clock to the next due retry). */
const MAX_ROUNDS = 10_000;

interface Outbox {
  pending: () => number;
  drain: () => Promise<unknown>;
  nextDue: () => string | undefined;
  clock: TestClock;
}

/** Drains, then moves the test clock to the next retry that is due, until nothing is pending (or the bound is hit). */
async function driveToCompletion(o: Outbox): Promise<number> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    await o.drain();
    if (o.pending() === 0) return round;
    const due = o.nextDue();
    if (due) o.clock.set(new Date(Math.max(o.clock.now().getTime() + 1, Date.parse(due))).toISOString());
  }
  throw new Error(`${o.pending()} deliveries still pending after ${MAX_ROUNDS} drains`);
}

/** Lost = expected people with no copy; doubled = extra copies beyond the first. */
function tally(copies: number[]): { lost: number; doubled: number } {
  return { lost: copies.filter((n) => n === 0).length, doubled: copies.reduce((s, n) => s + Math.max(0, n - 1), 0) };
}

describe('platform storms during a standup fan-out', () => {
  let slack: SlackTestApp | undefined;
  let wecom: Awaited<ReturnType<typeof startWecomApp>> | undefined;
  afterEach(async () => {
    await slack?.close();
    await wecom?.destroy();
    slack = wecom = undefined;
  });

  it('Slack: a long 429 storm on chat.postMessage and conversations.open, then token errors: every prompt once', async () => {
    const people = Array.from({ length: PEOPLE }, (_, i) => {
      const no = String(i).padStart(5, '0');
      const email = `s${no}@example.com`;
      return { email, slack: `U0S${no}`, row: `S${no},Person ${no},${email},Sales,,sales,Asia/Shanghai,${i % 3 === 0 ? 'en' : 'zh-CN'},U0S${no},,employee` };
    });
    const started = performance.now();
    slack = await startSlackApp({ people, clock: new TestClock(FRIDAY_PROMPT), env: { SLACK_RATE_PER_SECOND: '2000' } });
    const s = slack;

    // A quarter into the fan-out Slack starts answering 429 with Retry-After on both calls a DM needs; right after
    // the storm the token is refused (token_expired on chat.postMessage, invalid_auth on conversations.open).
    const postStorm = scaled(1500, 60);
    const openStorm = scaled(500, 25);
    const tokenErrors = { 'chat.postMessage': 2, 'conversations.open': 1 };
    s.fake.afterOk('chat.postMessage', Math.ceil(PEOPLE / 4), () => {
      s.fake.failNext('chat.postMessage', { retryAfter: 3 }, postStorm);
      s.fake.failNext('conversations.open', { retryAfter: 2 }, openStorm);
      s.fake.failNext('chat.postMessage', { error: 'token_expired' }, tokenErrors['chat.postMessage']);
      s.fake.failNext('conversations.open', { error: 'invalid_auth' }, tokenErrors['conversations.open']);
    });

    expect(await s.t.runJob('standup-prompt')).toMatchObject({ asked: PEOPLE });
    const rounds = await driveToCompletion({
      clock: s.clock,
      pending: s.pending,
      drain: () => s.t.app.dispatcher.drain(),
      nextDue: () => s.t.sql<{ at: string | null }>(`select min(next_attempt_at) as at from deliveries where status = 'pending'`)[0].at ?? undefined,
    });

    // A refused token is retried with backoff (deliveryErrors.ts): once it works again those prompts go out too.
    const dead = s.t.sql<{ email: string; last_error: string }>(`select p.email, d.last_error from deliveries d join people p on p.id = d.person_id where d.status = 'dead'`);
    const isPrompt = (text: string) => /2026-W48/.test(text) && /(问题 1\/3：|Question 1\/3: )/.test(text);
    const copies = people.map((p) => s.fake.dmMessages(p.slack).filter((m) => isPrompt(m.text)).length);
    const { lost, doubled } = tally(copies);
    const answered429 = s.fake.calls.filter((c) => c.status === 429).length;
    const tokenAnswers = s.fake.calls.filter((c) => c.error === 'token_expired' || c.error === 'invalid_auth').length;
    recordFault({ scenario: 'Slack 429 storm + token expiry', scale: SCALE, runs: answered429 + tokenAnswers, lost, doubled });
    console.info(`Slack storm: ${PEOPLE} people, ${answered429} × 429, ${tokenAnswers} token errors (retried), ${rounds} drains, lost ${lost}, doubled ${doubled}, ${Math.round(performance.now() - started)} ms`);

    // The storm really happened: every scripted answer was given (plus any 429 of the fake's own limits).
    expect(answered429).toBe(postStorm + openStorm + s.fake.limiter.limited);
    expect(tokenAnswers).toBe(3);
    // Nothing is dead: the three deliveries that met a token error were retried and sent.
    expect(dead).toEqual([]);
    expect(s.t.sql(`select status, count(*) as n from deliveries group by status order by status`)).toEqual([{ status: 'sent', n: PEOPLE }]);
    expect(s.t.sql<{ n: number }>(`select count(*) as n from deliveries where attempts = 2`)[0].n).toBe(3);
    // Waiting out a 429 is a deferral: only the token errors cost an attempt.
    expect(s.t.sql(`select max(attempts) as most from deliveries where status = 'sent'`)).toEqual([{ most: 2 }]);
    expect(s.fake.callsTo('chat.postMessage', { ok: true })).toHaveLength(PEOPLE);
    expect(people.every((p) => s.fake.dmMessages(p.slack).every((m) => isPrompt(m.text)))).toBe(true);
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
  });

  it('WeCom: a long 45009 storm on message/send, then an expired token (42001): every prompt once', async () => {
    // Every fifth and second person reads English: the prompt goes out in more than one batch at any scale.
    const users: FakeUser[] = Array.from({ length: PEOPLE }, (_, i) => ({ userid: `w${i}`, name: `员工${i}`, department: [1] }));
    const locale = (i: number) => (i % 5 < 2 ? 'en' : 'zh-CN');
    const csv = [PEOPLE_HEADER, ...users.map((u, i) => `W${i},员工${i},w${i}@example.com,研发中心,,rnd,Asia/Shanghai,${locale(i)},,${u.userid},employee`)].join('\n');
    const started = performance.now();
    wecom = await startWecomApp({ users, clock: new TestClock(FRIDAY_PROMPT) });
    const w = wecom;
    expect((await w.t.importPeople(csv)).status).toBe(200);

    // After the first batch went out WeCom answers 45009 for a long run of calls; once that storm is over every
    // token expires (42001), so the next call must refresh the token and go again.
    const storm = scaled(40, 12);
    w.fake.afterOk('message/send', 1, () => w.fake.freqLimitNext('message/send', storm));
    let expired = false;

    expect(await w.t.runJob('standup-prompt')).toMatchObject({ asked: PEOPLE });
    const frequencyAnswers = () => w.fake.callsTo('message/send').filter((c) => c.answer.errcode === 45009).length;
    const rounds = await driveToCompletion({
      clock: w.clock,
      pending: () => w.t.sql<{ n: number }>(`select count(*) as n from deliveries where status = 'pending'`)[0].n,
      drain: async () => {
        await w.t.app.dispatcher.drain();
        if (!expired && frequencyAnswers() === storm) {
          w.fake.expireTokens();
          expired = true;
        }
      },
      nextDue: () => w.t.sql<{ at: string | null }>(`select min(next_attempt_at) as at from deliveries where status = 'pending'`)[0].at ?? undefined,
    });

    // From the fake's side: the recipients of every accepted message/send, person by person. Recorded before the
    // details are checked, so the table shows what happened even when a check below fails.
    const sends = w.fake.callsTo('message/send');
    const codes = sends.map((c) => c.answer.errcode as number);
    const { lost, doubled } = tally(users.map((u) => w.fake.messagesTo(u.userid).length));
    const runs = frequencyAnswers() + codes.filter((c) => c === 42001).length;
    recordFault({ scenario: 'WeCom 45009 storm + token expiry', scale: SCALE, runs, lost, doubled });
    console.info(`WeCom storm: ${PEOPLE} people, ${frequencyAnswers()} × 45009, ${codes.filter((c) => c === 42001).length} × 42001, ${sends.length} message/send calls, ${rounds} drains, lost ${lost}, doubled ${doubled}, ${Math.round(performance.now() - started)} ms`);

    expect(frequencyAnswers()).toBe(storm);
    expect(sends.filter((c) => c.answer.errcode === 45009).every((c) => c.answer.errmsg === 'api freq out of limit')).toBe(true);
    // The expired token was met once and refreshed: one more gettoken, and the same call went again at once.
    const expiredAt = codes.indexOf(42001);
    expect(expiredAt).toBeGreaterThan(codes.lastIndexOf(45009));
    expect(codes.filter((c) => c === 42001)).toHaveLength(1);
    expect(codes[expiredAt + 1]).toBe(0);
    expect(w.fake.callsTo('gettoken')).toHaveLength(2);
    expect(codes.every((c) => c === 0 || c === 45009 || c === 42001)).toBe(true);
    for (const c of sends.filter((x) => x.answer.errcode === 0)) expect((c.body as { touser: string }).touser.split('|').length).toBeLessThanOrEqual(1000);

    // Nothing pending, nothing dead; WeCom dropped nothing silently.
    expect(w.t.sql(`select status, count(*) as n from deliveries group by status`)).toEqual([{ status: 'sent', n: PEOPLE }]);
    expect(w.fake.dropped).toBe(0);
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
  });
});
