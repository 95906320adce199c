import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSlackDms } from '../../bot/services/people/openSlackDms';
import { capturedLog } from '../support/capturedLog';
import { TestClock } from '../support/clock';
import { FakeSlack } from '../support/fakeSlack';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { addSlackUsers, SLACK_PEOPLE, SLACK_SIGNING_SECRET, SLACK_TEAM_CSV, settleOutbox } from '../support/slackTestApp';

/** A Slack user the fake does not know: conversations.open answers user_not_found. */
const GHOST = { email: 'ghost@example.com', slack: 'U0GHOST', row: 'E5,Ghost,ghost@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,U0GHOST,,employee' };
/** 韩梅梅 has no slack_user_id in the import: found by e-mail when first messaged, so not the job's. */
const WITH_ID = SLACK_PEOPLE.filter((p) => p.row.split(',')[8]);

/**
 * slack-dm-open opens the DM channels of people with a Slack id ahead of the first prompt, paced under
 * conversations.open's limit (the fake refuses past it with 429 + Retry-After, which the job waits out); it is
 * idempotent, goes on where it stopped after a restart, and the first prompt is then one chat.postMessage.
 */
describe('slack-dm-open: DM channels opened ahead', () => {
  let app: TestApp | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await app?.destroy();
    await fake?.close();
    app = fake = undefined;
  });

  it('opens each DM once under the method limit, stores it, and the first prompt is one call per person', async () => {
    const clock = new TestClock('2026-11-27T07:00:00Z');
    // The fake's rate windows on the wall clock: the job waits Retry-After in real time. Tier 3 scaled: 60 a minute (one a second, no burst).
    fake = await FakeSlack.start({ limits: { methodPerMinute: { 'conversations.open': 60 } } });
    addSlackUsers(fake);
    const dir = mkdtempSync(join(tmpdir(), 'perf-slack-dm-open-'));
    // The job may call 600 a minute: more than the fake allows, so it meets 429s and must wait them out.
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, SLACK_SIGNING_SECRET, SLACK_DM_OPEN_PER_MINUTE: '600' };
    app = await TestApp.start({ clock, dir, env });
    expect((await app.importPeople([PEOPLE_HEADER, ...SLACK_PEOPLE.map((p) => p.row), GHOST.row].join('\n'))).status).toBe(200);

    // Only the dry run's answer for a job that messages nobody.
    expect(await (await app.request('POST', '/api/jobs/slack-dm-open/run?dryRun=1')).json()).toEqual({ job: 'slack-dm-open', wouldMessage: 0, channels: 0 });
    expect(fake.callsTo('conversations.open')).toEqual([]);

    // Interrupted: the first process stops after two and a half seconds, at one call a second.
    const first = await openSlackDms(app.app.deps, { perMinute: 60, maxMs: 2500 });
    // At one call a second with the ghost first, at most two of the three are open when it stops.
    expect(first.opened).toBeLessThan(WITH_ID.length);
    await app.stop();

    // A new process on the same file goes on with the rest.
    app = await TestApp.start({ clock, dir, env });
    const second = (await app.runJob('slack-dm-open')) as { opened: number; failed: number; rateLimited: number; left: number };
    expect(first.opened + second.opened).toBe(WITH_ID.length);
    expect(second.left).toBe(0);

    const opens = fake.callsTo('conversations.open');
    for (const c of opens) expect(c.args).toEqual({ users: expect.stringMatching(/^U0[A-Z]+$/) });
    // Every user with a Slack id opened exactly once; the ghost was refused by Slack (user_not_found), once per process at most.
    for (const p of WITH_ID) expect(opens.filter((c) => c.ok && c.args?.users === p.slack)).toHaveLength(1);
    expect(opens.filter((c) => c.args?.users === GHOST.slack && c.error === 'user_not_found').length).toBeGreaterThanOrEqual(1);
    expect(opens.filter((c) => c.args?.users === GHOST.slack && c.status !== 429).length).toBeLessThanOrEqual(2);
    expect(opens.filter((c) => c.args?.users === 'U0HANMM')).toEqual([]);
    // The job went faster than the fake allows and met its limit; every 429 was waited out, none left unopened.
    const limited = opens.filter((c) => c.status === 429).length;
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(first.rateLimited + second.rateLimited).toBe(limited);

    const kept = app.sql<{ slack: string; dm: string | null }>(`select external_id as slack, dm_channel as dm from identities where platform = 'slack' order by external_id`);
    for (const { slack, dm } of kept) expect(dm).toBe(slack === GHOST.slack ? null : fake.state.dm(slack).id);

    // Again: nothing to open, no call.
    const callsBefore = fake.calls.length;
    expect(await app.runJob('slack-dm-open')).toEqual({ opened: 0, failed: 0, rateLimited: 0, left: 0 });
    expect(fake.calls.length).toBe(callsBefore);

    // The first Friday: one chat.postMessage per person with a Slack id, no conversations.open (韩梅梅: looked up, opened).
    expect(await app.runJob('standup-prompt')).toMatchObject({ asked: 5 });
    await settleOutbox(app, clock, 30);
    const friday = fake.calls.slice(callsBefore);
    for (const p of WITH_ID) {
      expect(friday.filter((c) => c.method === 'conversations.open' && c.args?.users === p.slack)).toEqual([]);
      expect(fake.dmMessages(p.slack)).toHaveLength(1);
    }
    expect(friday.filter((c) => c.method === 'conversations.open' && c.ok).map((c) => c.args?.users)).toEqual(['U0HANMM']);
  }, 30_000);
  it('a run in progress ends when the app closes: a Retry-After wait is cut short, nothing fails after the close', async () => {
    const clock = new TestClock('2026-11-27T07:00:00Z');
    // conversations.open answers 429 with Retry-After 30 s after the first call: the run would wait half a minute.
    fake = await FakeSlack.start({ limits: { methodPerMinute: { 'conversations.open': 1 } } });
    addSlackUsers(fake);
    const logged = capturedLog();
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, SLACK_SIGNING_SECRET, SLACK_DM_OPEN_PER_MINUTE: '600' };
    app = await TestApp.start({ clock, dir: mkdtempSync(join(tmpdir(), 'perf-slack-dm-stop-')), env, log: logged.log });
    expect((await app.importPeople(SLACK_TEAM_CSV)).status).toBe(200);

    const run = openSlackDms(app.app.deps);
    await expect.poll(() => fake!.callsTo('conversations.open').some((c) => c.status === 429), { timeout: 5000 }).toBe(true);
    const t0 = performance.now();
    await app.stop();
    const result = await run;
    expect(performance.now() - t0, 'the close did not wait out the Retry-After').toBeLessThan(10_000);
    expect(result.opened).toBe(1);
    expect(result.rateLimited).toBeGreaterThanOrEqual(1);
    const callsAtClose = fake.calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.length, 'no call after the close').toBe(callsAtClose);
    expect(logged.errors(), 'nothing failed against the closed database').toEqual([]);
    app = undefined;
  }, 30_000);
});
