import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../support/fakeSlackState';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';

// Week 2026-W48: Friday 27 Nov, 16:00 in Shanghai = 08:00Z; the round closes Monday 30 Nov 10:00 = 02:00Z.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
const MONDAY_CLOSE = '2026-11-30T02:00:00Z';

type Block = { type: string; text?: { text: string }; elements?: { action_id: string; text: { text: string } }[]; element?: { initial_value?: string }; label?: { text: string } };
const blocksOf = (m: FakeMessage | undefined) => (m?.blocks ?? []) as Block[];
const buttons = (m: FakeMessage | undefined) => blocksOf(m).flatMap((b) => b.elements ?? []).map((e) => ({ id: e.action_id, label: e.text?.text }));
const shown = (m: FakeMessage | undefined) => blocksOf(m).map((b) => b.text?.text ?? '').join('\n');

describe('the weekly standup inside Slack', () => {
  let s: SlackTestApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(async () => s.close());

  const answers = (email: string) =>
    s.t.sql<{ question_index: number; answer: string | null; skipped: number; late: number }>(
      `select a.question_index, a.answer, a.skipped, a.late from standup_answers a join standup_requests r on r.id = a.request_id
       join people p on p.id = r.person_id where p.email = ? order by a.question_index`,
      email,
    );

  it('asks by DM with "Answer now", takes all answers in the modal, turns the prompt into the answers, allows edits until close', async () => {
    s.clock.set(FRIDAY_PROMPT);
    await s.t.tick();
    await s.settle();
    const li = s.member('li.lei@example.com');
    expect(li.messages()).toHaveLength(1);
    const prompt = li.last();
    expect(prompt.text).toContain('问题 1/3：本周完成了什么？');
    expect(buttons(prompt)).toEqual([
      { id: 'slack.standup.open', label: '立即填写' },
      { id: 'standup.skip#0', label: '跳过' },
    ]);

    expect((await li.click(prompt, 'slack.standup.open')).status).toBe(200);
    const modal = li.modal()!.view as { title: { text: string }; blocks: Block[] };
    expect(modal.title.text).toBe('每周站会');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.label!.text)).toEqual(['本周完成了什么？', '遇到哪些障碍？', '下周计划做什么？']);

    const submitted = await li.submitModal(['完成了登录模块重构\n修了两个缺陷', '无', '接入单点登录']);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBeUndefined(); // the modal closes
    await s.settle();
    expect(answers('li.lei@example.com')).toEqual([
      { question_index: 0, answer: '完成了登录模块重构\n修了两个缺陷', skipped: 0, late: 0 },
      { question_index: 1, answer: '无', skipped: 0, late: 0 },
      { question_index: 2, answer: '接入单点登录', skipped: 0, late: 0 },
    ]);
    expect(s.t.sql(`select amount from points_ledger`)).toEqual([{ amount: 1 }]);
    // No new message: the prompt itself now shows the answers and one Edit button.
    expect(li.messages()).toHaveLength(1);
    const updated = li.messages()[0];
    expect(updated.updates).toBe(1);
    expect(shown(updated)).toContain('积分 +1');
    expect(shown(updated)).toContain('完成了登录模块重构');
    expect(buttons(updated)).toEqual([{ id: 'slack.standup.open', label: '修改' }]);

    // Edit after submit: the modal comes prefilled; a real obstacle reaches the manager at once.
    await li.click(updated, 'slack.standup.open');
    const again = li.modal()!.view as { blocks: Block[] };
    expect(again.blocks.filter((b) => b.type === 'input').map((b) => b.element!.initial_value)).toEqual(['完成了登录模块重构\n修了两个缺陷', '无', '接入单点登录']);
    await li.submitModal([undefined, '测试环境不稳定', undefined]);
    await s.settle();
    expect(answers('li.lei@example.com')[1]).toMatchObject({ answer: '测试环境不稳定' });
    expect(li.messages()[0].updates).toBe(2);
    expect(shown(li.messages()[0])).toContain('测试环境不稳定');
    expect(s.t.sql(`select count(*) as n from points_ledger`)).toEqual([{ n: 1 }]);
    const wang = s.member('wang.fang@example.com');
    expect(wang.messages().filter((m) => m.text.includes('报告了障碍'))).toHaveLength(1);

    // At close the manager gets one digest DM; afterwards the Edit button says the round has closed.
    s.clock.set(MONDAY_CLOSE);
    await s.t.tick();
    await s.settle();
    const digests = wang.messages().filter((m) => m.text.includes('2026-W48 周站会'));
    expect(digests).toHaveLength(1);
    expect(shown(digests[0])).toContain('■ 李雷');
    expect(shown(digests[0])).toContain('未回答：韩梅梅'); // Kevin's Friday 16:00 in Los Angeles has not come yet
    await li.click(li.messages()[0], 'slack.standup.open');
    expect(JSON.stringify(li.modal()!.view)).toContain('已经结束');
  });

  it('takes typed answers one at a time in the DM, finding a person without a Slack id by e-mail once', async () => {
    await s.t.runJob('standup-prompt');
    await s.settle();
    const han = s.member('han.meimei@example.com');
    expect(s.fake.callsTo('users.lookupByEmail', { ok: true })).toHaveLength(1);
    expect(s.t.sql(`select i.external_id from identities i join people p on p.id = i.person_id where p.email = 'han.meimei@example.com' and i.platform = 'slack'`)).toEqual([{ external_id: 'U0HANMM' }]);
    expect(han.last().text).toContain('问题 1/3');

    await han.dm('写了接口文档 &amp; 测试 <https://example.com/doc|设计稿>');
    await s.settle();
    expect(han.last().text).toContain('问题 2/3：遇到哪些障碍？');
    await han.dm('无');
    await s.settle();
    await han.dm('下周联调');
    await s.settle();
    const done = han.last();
    expect(shown(done)).toContain('积分 +1');
    expect(shown(done)).toContain('写了接口文档 &amp; 测试 设计稿 (https://example.com/doc)'); // stored as plain text, escaped again for Slack
    expect(buttons(done)).toEqual([{ id: 'slack.standup.open', label: '修改' }]);
    expect(answers('han.meimei@example.com').map((a) => a.answer)).toEqual(['写了接口文档 & 测试 设计稿 (https://example.com/doc)', '无', '下周联调']);

    await han.dm('积分');
    await s.settle();
    expect(han.last().text).toContain('1');
    expect(s.fake.callsTo('users.lookupByEmail')).toHaveLength(1); // remembered, never looked up again
    expect(s.fake.callsTo('conversations.open')).toHaveLength(4); // one DM per person, cached
  });

  it('shows my week and my points in the App Home tab, and answers from there', async () => {
    await s.t.runJob('standup-prompt');
    await s.settle();
    const kevin = s.member('kevin.li@example.com');
    await kevin.openHome();
    let home = JSON.stringify(kevin.home()!.view);
    expect(home).toContain('My week');
    expect(home).toContain('0 of 3 questions answered');
    expect(home).toContain('not on the board yet');

    await kevin.click('home', 'slack.standup.open');
    await kevin.submitModal(['Shipped the importer', 'none', 'Demo on Thursday']);
    await s.settle();
    home = JSON.stringify(kevin.home()!.view); // refreshed after a submission made from the Home tab
    expect(home).toContain('done');
    expect(home).toContain('Shipped the importer');
    expect(home).toContain('rank 1 of 1');
    expect(kevin.messages()[0].updates).toBe(1); // the prompt DM shows the answers too
  });

  it('answers /perf standup, points, leaderboard and help in the person\'s language', async () => {
    await s.t.runJob('standup-prompt');
    await s.settle();
    const kevin = s.member('kevin.li@example.com');
    const li = s.member('li.lei@example.com');

    const help = await kevin.slash('help');
    expect(help.status).toBe(200);
    expect(help.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(help.body)).toContain('/perf leaderboard');
    expect(JSON.stringify((await li.slash('')).body)).toContain('本月目前的前 10 名');
    expect(JSON.stringify((await kevin.slash('dance')).body)).toContain("Sorry, I don't know");

    expect((await li.slash('standup')).status).toBe(200);
    expect((li.modal()!.view as { title: { text: string } }).title.text).toBe('每周站会');
    await li.submitModal(['a', 'b', 'c']);
    await s.settle();
    expect(JSON.stringify((await li.slash('积分')).body)).toContain('排名');
    const board = JSON.stringify((await kevin.slash('leaderboard')).body);
    expect(board).toContain('李雷');
  });

  it('refuses an empty modal with a message under the first question, and stores nothing', async () => {
    await s.t.runJob('standup-prompt');
    await s.settle();
    const li = s.member('li.lei@example.com');
    await li.click(li.last(), 'slack.standup.open');
    const res = await li.submitModal(['', ' ', '']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ response_action: 'errors', errors: { q0: '请至少回答一个问题。' } });
    expect(answers('li.lei@example.com')).toEqual([]);
  });
});

describe('the team channel digest', () => {
  let s: SlackTestApp;
  beforeEach(async () => {
    s = await startSlackApp({ env: { SLACK_DIGEST_CHANNEL: 'C0TEAM' } });
    s.fake.addChannel('C0TEAM', 'team');
  });
  afterEach(async () => s.close());

  it('posts one parent message and everyone\'s answers in its thread, never who did not answer', async () => {
    await s.t.runJob('standup-prompt');
    await s.settle();
    for (const email of ['li.lei@example.com', 'kevin.li@example.com']) {
      const m = s.member(email);
      await m.click(m.last(), 'slack.standup.open');
      await m.submitModal([`${email} did things`, 'none', 'more things']);
    }
    await s.settle();
    await s.t.runJob('standup-close');
    await s.settle();
    const channel = s.fake.channel('C0TEAM')!;
    const parents = channel.messages.filter((m) => !m.threadTs);
    expect(parents).toHaveLength(1);
    expect(parents[0].text).toContain('2/4');
    const replies = channel.messages.filter((m) => m.threadTs === parents[0].ts);
    expect(replies.length).toBeGreaterThan(0);
    const thread = replies.map((m) => shown(m)).join('\n');
    expect(thread).toContain('li.lei@example.com did things');
    expect(thread).toContain('kevin.li@example.com did things');
    expect(channel.messages.map((m) => m.text).join()).not.toContain('未回答');
  });
});
