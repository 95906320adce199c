import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fakeSlack';
import { addSlackUsers, SLACK_PEOPLE, SLACK_SIGNING_SECRET } from '../support/slackTestApp';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

// Week 2026-W48: Friday 27 Nov, Shanghai 16:00 = 08:00Z.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';

/**
 * A company on Slack and WeCom at once: 李雷 has an identity on both. Messages the app starts go to Slack (the
 * preferred platform), but a reply goes back where he wrote: answering in WeCom, he hears the next question in WeCom.
 */
describe('replies on the platform the person wrote from', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await FakeSlack.start({ now: () => Date.now() });
    addSlackUsers(slack, SLACK_PEOPLE.filter((p) => p.email === 'li.lei@example.com'));
    w = await startWecomApp({ env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET } });
    // 李雷 with his Slack id beside his WeCom userid; everyone else on WeCom alone.
    const csv = WECOM_TEAM_CSV.replace('zh-CN,,LiLei,employee', 'zh-CN,U0LILEI,LiLei,employee');
    expect((await w.t.importPeople(csv)).status).toBe(200);
    w.clock.set(FRIDAY_PROMPT);
    await w.t.tick();
    await settle(w.t);
  });
  afterEach(async () => {
    await w.destroy();
    await slack.close();
  });

  it('asks on Slack, and answers a WeCom message in WeCom', async () => {
    const opening = slack.dmMessages('U0LILEI');
    expect(opening).toHaveLength(1); // the standup's opening: Slack first for someone on both
    expect(w.fake.messagesTo('LiLei')).toHaveLength(0);

    expect((await w.callbacks.text('LiLei', '完成了登录模块重构')).status).toBe(200);
    await settle(w.t);

    const [reply] = w.fake.messagesTo('LiLei');
    expect(reply.card?.main_title?.title ?? reply.text).toContain('问题 2/3');
    expect(slack.dmMessages('U0LILEI')).toHaveLength(1); // nothing more on Slack
    expect(w.t.sql(`select question_index, answer from standup_answers`)).toEqual([{ question_index: 0, answer: '完成了登录模块重构' }]);
    expect(w.t.sql(`select platform, status from deliveries where dedupe_key like 'reply:wecom:%'`)).toEqual([{ platform: 'wecom', status: 'sent' }]);
  });
});
