import { afterEach, describe, expect, it } from 'vitest';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

// Week 2026-W48: Friday 27 Nov, 16:00 in Shanghai = 08:00Z.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
const QUESTIONS = [
  { 'zh-CN': '本周交付了哪些客户价值？', en: 'What customer value did you deliver?' },
  { 'zh-CN': '有什么阻碍？', en: 'What is in your way?', blocker: true },
  { 'zh-CN': '下周的重点是什么？', en: 'What is next week’s focus?' },
  { 'zh-CN': '需要谁的支持？', en: 'Whose support do you need?' },
];

describe('questions changed in the console are asked in the next round on every platform', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(async () => close());

  it('Slack: the DM prompt and the modal carry the new questions', async () => {
    const s: SlackTestApp = await startSlackApp();
    close = s.close;
    const changed = await s.t.request('PATCH', '/api/settings', { standup: { questions: QUESTIONS } });
    expect(changed.status).toBe(200);
    s.clock.set(FRIDAY_PROMPT);
    await s.t.tick();
    await s.settle();
    const li = s.member('li.lei@example.com');
    const prompt = li.last();
    expect(prompt.text).toContain('问题 1/4：本周交付了哪些客户价值？');
    expect((await li.click(prompt, 'slack.standup.open')).status).toBe(200);
    const modal = li.modal()!.view as { blocks: { type: string; label?: { text: string } }[] };
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.label!.text)).toEqual(QUESTIONS.map((q) => q['zh-CN']));
    // Kevin reads English.
    expect(s.member('kevin.li@example.com').messages()).toHaveLength(0); // Los Angeles: not yet due
    await s.t.runJob('standup-prompt');
    await s.settle();
    expect(s.member('kevin.li@example.com').last().text).toContain('Question 1/4: What customer value did you deliver?');
  });

  it('WeCom: the opening card names the new first question and the loop asks the rest', async () => {
    const w = await startWecomApp();
    close = () => w.destroy();
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    expect((await w.t.request('PATCH', '/api/settings', { standup: { questions: QUESTIONS } })).status).toBe(200);
    w.clock.set(FRIDAY_PROMPT);
    await w.t.tick();
    await settle(w.t);
    const card = w.fake.messagesTo('LiLei').at(-1)!;
    expect(card.card!.sub_title_text).toContain('问题 1/4：本周交付了哪些客户价值？');
    expect((await w.callbacks.text('LiLei', '上线了新版本')).status).toBe(200);
    await settle(w.t);
    expect(w.fake.messagesTo('LiLei').at(-1)!.card?.main_title?.title).toBe('问题 2/4：有什么阻碍？');
  });
});
