/**
 * Issue 12 item 8: for people whose connected systems recorded something this week (metric values under the week's
 * key from a source other than HR's corrections), the standup's first question shows it and the person confirms
 * ("好" / "ok" / Confirm) or corrects it (anything else is the answer) — in the local chat, in Slack (Block Kit)
 * and in WeCom (a card), through the fake Slack and fake qyapi servers that check every call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import type { FakeMessage } from '../support/fakeSlackState';
import { TEAM_CSV, TestApp } from '../support/harness';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import type { Delivered } from '../support/fakeWecom';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

// Friday 27 Nov 2026 (2026-W48), 16:01 in Shanghai.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';

const DEFINITIONS = [
  { key: 'tasks_done', label: { 'zh-CN': '完成 Jira 任务', en: 'Jira tasks completed' }, unit: '个', direction: 'higher', aggregation: 'sum' },
  { key: 'deals_signed', label: { 'zh-CN': '签约', en: 'deals signed' }, unit: '单', direction: 'higher', aggregation: 'sum' },
  { key: 'collection_rate', label: { 'zh-CN': '回款完成率', en: 'collection rate' }, unit: '', direction: 'higher', aggregation: 'ratio' },
];

async function seedMetrics(t: TestApp): Promise<void> {
  for (const d of DEFINITIONS) expect((await t.request('POST', '/api/metric-definitions', d)).status).toBe(201);
  const post = async (source: string, records: unknown[]) => expect((await t.request('POST', '/api/metrics', { source, records })).status).toBe(200);
  await post('jira', [
    { email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-W48', value: 5 },
    { email: 'li.lei@example.com', metric: 'tasks_done', period: '2026-W47', value: 9 }, // last week: not shown
    { email: 'wang.fang@example.com', metric: 'tasks_done', period: '2026-W48', value: 1 },
    { email: 'kevin.li@example.com', metric: 'tasks_done', period: '2026-W48', value: 3 },
  ]);
  await post('crm', [
    { email: 'li.lei@example.com', metric: 'deals_signed', period: '2026-W48', value: 2 },
    { email: 'li.lei@example.com', metric: 'collection_rate', period: '2026-W48', value: 0.92 },
    { email: 'li.lei@example.com', metric: 'deals_signed', period: '2026-11', value: 7 }, // the month: not this week's
  ]);
  // HR's manual correction is no system record
  const corrected = await t.request('POST', '/api/metrics/correct', { email: 'han.meimei@example.com', metric: 'tasks_done', period: '2026-W48', value: 4, reason: '补录' });
  expect(corrected.status).toBe(200);
}

const LI_PREFILL = '本周系统记录：回款完成率 92%（crm），签约 2单（crm），完成 Jira 任务 5个（jira）';

describe('standup prefill from connected systems, in the local chat', () => {
  let t: TestApp;
  afterEach(async () => t.destroy());

  const answer0 = (email: string) =>
    t.sql<{ answer: string | null }>(
      `select a.answer from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id
       where p.email = ? and a.question_index = 0`,
      email,
    )[0]?.answer;

  it('shows what the systems saw on question 1; "好" or Confirm takes it, anything else is the answer', async () => {
    t = await TestApp.start({ clock: new TestClock(FRIDAY_PROMPT) });
    await t.importPeople(TEAM_CSV);
    await seedMetrics(t);
    expect(await t.runJob('standup-prompt')).toMatchObject({ asked: 4 });

    const [li] = await t.botMessages('li.lei@example.com');
    expect(li.text).toContain('问题 1/3：本周完成了什么？');
    expect(li.text).toContain(`${LI_PREFILL}\n回复“好”或点“确认”就用这条作为第 1 题的回答`);
    expect(li.buttons.map((b) => [b.actionId, b.label, b.value])).toEqual([
      ['standup.confirmPrefill', '确认', '0'],
      ['standup.skip', '跳过', '0'],
    ]);
    // nothing recorded by a system for her this week (HR's correction does not count): the plain question
    const [han] = await t.botMessages('han.meimei@example.com');
    expect(han.text).not.toContain('本周系统记录');
    expect(han.buttons.map((b) => b.actionId)).toEqual(['standup.skip']);

    // "好" confirms: the prefill is the answer to question 1, and question 2 follows
    await t.say('li.lei@example.com', '好');
    expect(answer0('li.lei@example.com')).toBe(LI_PREFILL);
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('问题 2/3：遇到哪些障碍？');
    // with no prefill, "好" is just what she answered
    await t.say('han.meimei@example.com', '好');
    expect(answer0('han.meimei@example.com')).toBe('好');

    // the Confirm button does the same; a stale Confirm (question 1 already answered) only resumes
    const [wang] = await t.botMessages('wang.fang@example.com');
    expect(wang.text).toContain('本周系统记录：完成 Jira 任务 1个（jira）');
    await t.click('wang.fang@example.com', 'standup.confirmPrefill', '0');
    expect(answer0('wang.fang@example.com')).toBe('本周系统记录：完成 Jira 任务 1个（jira）');
    await t.click('wang.fang@example.com', 'standup.confirmPrefill', '0');
    expect(answer0('wang.fang@example.com')).toBe('本周系统记录：完成 Jira 任务 1个（jira）');
    expect((await t.botMessages('wang.fang@example.com')).at(-1)!.text).toContain('问题 2/3');

    // in English; a correction is the person's own answer
    const [kevin] = await t.botMessages('kevin.li@example.com');
    expect(kevin.text).toContain('This week the systems recorded: Jira tasks completed 3 个 (jira)');
    expect(kevin.buttons.map((b) => b.label)).toEqual(['Confirm', 'Skip']);
    await t.say('kevin.li@example.com', 'Closed 3 tickets, but one was reopened: 2 done');
    expect(answer0('kevin.li@example.com')).toBe('Closed 3 tickets, but one was reopened: 2 done');

    // resuming question 1 later ("站会") shows the prefill again and "ok" still confirms
    t.sql(`delete from standup_answers where request_id in (select r.id from standup_requests r join people p on p.id = r.person_id where p.email = 'li.lei@example.com')`);
    await t.say('li.lei@example.com', '站会');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain(LI_PREFILL);
    await t.say('li.lei@example.com', 'OK');
    expect(answer0('li.lei@example.com')).toBe(LI_PREFILL);
  });
});

describe('standup prefill in Slack', () => {
  let s: SlackTestApp;
  afterEach(async () => s.close());

  type Block = { type: string; text?: { text: string }; elements?: { action_id: string; text: { text: string } }[]; element?: { initial_value?: string } };
  const blocksOf = (m: FakeMessage | undefined) => (m?.blocks ?? []) as Block[];
  const shown = (m: FakeMessage | undefined) => blocksOf(m).map((b) => b.text?.text ?? '').join('\n');

  it('shows the prefill in the Block Kit prompt, offers it in the modal, and takes it with the Confirm button', async () => {
    s = await startSlackApp({ clock: new TestClock('2026-11-27T07:00:00Z') });
    await seedMetrics(s.t);
    s.clock.set(FRIDAY_PROMPT);
    await s.t.tick();
    await s.settle();
    const li = s.member('li.lei@example.com');
    const prompt = li.last();
    expect(shown(prompt)).toContain(LI_PREFILL);
    expect(blocksOf(prompt).flatMap((b) => b.elements ?? []).map((e) => [e.action_id, e.text.text])).toEqual([
      ['slack.standup.open', '立即填写'],
      ['standup.confirmPrefill#0', '确认'],
      ['standup.skip#1', '跳过'],
    ]);

    // the modal offers it as question 1's answer, to keep or correct
    await li.click(prompt, 'slack.standup.open');
    const modal = li.modal()!.view as { blocks: Block[] };
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.element!.initial_value)).toEqual([LI_PREFILL, undefined, undefined]);

    expect((await li.click(prompt, 'standup.confirmPrefill#0')).status).toBe(200);
    await s.settle();
    expect(
      s.t.sql(`select a.answer from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.email = 'li.lei@example.com'`),
    ).toEqual([{ answer: LI_PREFILL }]);
    expect(shown(li.last())).toContain('问题 2/3：遇到哪些障碍？');
  });
});

describe('standup prefill in WeCom', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  afterEach(async () => w.destroy());

  it('sends the prefilled first question as a person’s own card (others keep the batched opening) and takes 确认', async () => {
    w = await startWecomApp({ clock: new TestClock('2026-11-27T07:00:00Z') });
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    await seedMetrics(w.t);
    w.clock.set(FRIDAY_PROMPT);
    await w.t.tick();
    await settle(w.t);

    // 韩梅梅 (nothing recorded by a system) gets the impersonal opening card; 王芳 and 李雷 their own first question
    const opening = w.fake.messagesTo('hanmeimei').at(-1)!;
    expect(opening.card!.main_title!.title).toBe('本周站会（2026-W48）');
    expect(opening.card!.button_list!.map((b) => b.text)).toEqual(['开始回答', '本周请假']);
    // too long for a card: the whole question with the prefill comes as text, then the card with the buttons
    const [wangText, wangCard] = w.fake.messagesTo('wangfang');
    expect(wangText).toMatchObject({ msgtype: 'text' });
    expect(wangText.text).toContain('问题 1/3：本周完成了什么？');
    expect(wangText.text).toContain('本周系统记录：完成 Jira 任务 1个（jira）');
    expect(wangCard.card!.button_list!.map((b) => b.text)).toEqual(['确认', '跳过']);
    const [liText, card] = w.fake.messagesTo('LiLei') as Delivered[];
    expect(liText.text).toContain(LI_PREFILL);
    expect(card.msgtype).toBe('template_card');
    expect(card.card!.button_list!.map((b) => b.text)).toEqual(['确认', '跳过']);

    const key = card.card!.button_list!.find((b) => b.text === '确认')!.key!;
    expect((await w.callbacks.click('LiLei', card.card!.task_id!, key, w.fake.clickCode())).status).toBe(200);
    await settle(w.t);
    expect(
      w.t.sql(`select a.answer from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.email = 'li.lei@example.com'`),
    ).toEqual([{ answer: LI_PREFILL }]);
  });
});
