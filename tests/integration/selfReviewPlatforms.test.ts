import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

/**
 * Issue 10: the self-review in chat on WeCom and Slack. November's cycle opens by itself on its last working day
 * (Monday 30 November, 09:00 in Shanghai); the manager is asked first, and answers by text, one message a question.
 */
const LAST_WORKING_DAY = '2026-11-30T01:30:00Z';
const ANSWERS = ['带团队完成登录模块重构', '测试环境不稳定拖慢了进度', '希望增加一名测试'];

describe('self-review in chat', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(async () => close());

  it('on WeCom, by text replies', async () => {
    const w = await startWecomApp({ clock: new TestClock('2026-11-30T00:00:00Z') });
    close = () => w.destroy();
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    insertTemplates(w.t, DEFAULT_TEMPLATE);
    w.clock.set(LAST_WORKING_DAY);
    await w.t.tick();
    await settle(w.t);
    expect(w.t.sql(`select count(*) as n from reviews`)).toEqual([{ n: 4 }]);
    const texts = () => w.fake.messagesTo('wangfang').map((m) => m.text ?? '');
    expect(texts().at(-1)).toContain('问题 1/3');
    expect(w.fake.messagesTo('LiLei')).toHaveLength(0); // reports are asked after the manager's lead days
    for (const answer of ANSWERS) {
      expect((await w.callbacks.text('wangfang', answer)).status).toBe(200);
      await settle(w.t);
    }
    expect(texts().at(-1)).toContain('谢谢');
    expect(w.t.sql(`select r.status, r.self_answers as answers from reviews r join people p on p.id = r.person_id where p.email = 'wang.fang@example.com'`)).toEqual([
      { status: 'manager_review', answers: JSON.stringify(ANSWERS) },
    ]);
  });

  it('on Slack, in a modal: an empty answer is refused in place, a repeated submission counts once', async () => {
    const s: SlackTestApp = await startSlackApp({ clock: new TestClock('2026-11-30T00:00:00Z') });
    close = () => s.close();
    insertTemplates(s.t, DEFAULT_TEMPLATE);
    s.clock.set(LAST_WORKING_DAY);
    await s.t.tick();
    await s.settle();
    const manager = s.member('wang.fang@example.com');
    await manager.dm(ANSWERS[0]); // one answer in chat first: the form shows it
    await s.settle();
    await manager.click(manager.messages().find((m) => m.text.includes('问题 1/3'))!, '在表单中填写');
    const inputs = (manager.modal()!.view.blocks as { type: string; element?: { initial_value?: string } }[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.element?.initial_value ?? null)).toEqual([ANSWERS[0], null, null]);
    const refused = await manager.submitModal([undefined, '', ANSWERS[2]]);
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { q1: '请回答这个问题。' } });
    expect((await manager.submitModal([undefined, ANSWERS[1], ANSWERS[2]], { triggerId: '9.9.same' })).status).toBe(200);
    expect((await manager.submitModal([undefined, ANSWERS[1], ANSWERS[2]], { triggerId: '9.9.same' })).status).toBe(200);
    await s.settle();
    expect(s.t.sql(`select r.status, r.self_answers as answers from reviews r join people p on p.id = r.person_id where p.email = 'wang.fang@example.com'`)).toEqual([
      { status: 'manager_review', answers: JSON.stringify(ANSWERS) },
    ]);
    expect(s.t.sql(`select count(*) as n from deliveries where dedupe_key like 'review-self-form:%'`)).toEqual([{ n: 1 }]);
    expect(manager.last().text).toContain('谢谢');
  });

  it('on Slack, by DM replies', async () => {
    const s: SlackTestApp = await startSlackApp({ clock: new TestClock('2026-11-30T00:00:00Z') });
    close = () => s.close();
    insertTemplates(s.t, DEFAULT_TEMPLATE);
    s.clock.set(LAST_WORKING_DAY);
    await s.t.tick();
    await s.settle();
    const manager = s.member('wang.fang@example.com');
    expect(manager.last().text).toContain('问题 1/3');
    for (const answer of ANSWERS) {
      await manager.dm(answer);
      await s.settle();
    }
    expect(manager.last().text).toContain('谢谢');
    expect(s.t.sql(`select r.status from reviews r join people p on p.id = r.person_id where p.email = 'wang.fang@example.com'`)).toEqual([{ status: 'manager_review' }]);
  });
});
