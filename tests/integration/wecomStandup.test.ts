import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivered } from '../support/fakeWecom';
import { settle, startWecomApp, WECOM, WECOM_TEAM_CSV } from '../support/wecomHarness';

// Week 2026-W48: Friday 27 Nov, Shanghai 16:00 = 08:00Z; the round closes Monday 30 Nov 10:00 Shanghai = 02:00Z.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
const MONDAY_CLOSE = '2026-11-30T02:00:00Z';

const titleOf = (m: Delivered) => m.card?.main_title?.title ?? '';
const keyOf = (m: Delivered, text: string) => m.card!.button_list!.find((b) => b.text === text)!.key!;

describe('the weekly standup inside WeCom', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  const inbox = (userid: string) => w.fake.messagesTo(userid);
  const last = (userid: string) => inbox(userid).at(-1)!;
  const say = async (userid: string, text: string) => {
    expect((await w.callbacks.text(userid, text)).status).toBe(200);
    await settle(w.t);
  };
  const click = async (userid: string, card: Delivered, label: string) => {
    const code = w.fake.clickCode();
    expect((await w.callbacks.click(userid, card.card!.task_id!, keyOf(card, label), code)).status).toBe(200);
    await settle(w.t);
    return code;
  };

  beforeEach(async () => {
    w = await startWecomApp();
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    w.clock.set(FRIDAY_PROMPT);
    await w.t.tick();
    await settle(w.t);
  });
  afterEach(async () => w.destroy());

  it('sends one identical opening card to everyone due, in one call, and runs the loop by text replies', async () => {
    const [call] = w.fake.sends();
    expect(w.fake.sends()).toHaveLength(1); // Kevin (Los Angeles) is not due yet
    expect((call.body as { touser: string }).touser.split('|').sort()).toEqual(['LiLei', 'hanmeimei', 'wangfang']);
    const card = last('LiLei');
    expect(card.msgtype).toBe('template_card');
    expect(titleOf(card)).toBe('本周站会（2026-W48）');
    expect(card.card!.sub_title_text).toContain('问题 1/3：本周完成了什么？');
    expect(card.card!.button_list!.map((b) => b.text)).toEqual(['开始回答', '本周请假']);

    await say('LiLei', '完成了登录模块重构');
    expect(titleOf(last('LiLei'))).toBe('问题 2/3：遇到哪些障碍？');
    await say('LiLei', '无');
    await say('LiLei', '接入单点登录');
    const done = last('LiLei');
    expect(titleOf(done)).toBe('按时提交，积分 +1。');
    expect(done.card!.sub_title_text).toContain('本周完成了什么？\n完成了登录模块重构');
    expect(done.card!.button_list!.map((b) => b.text)).toEqual(['修改 1', '修改 2', '修改 3']);
    expect(w.t.sql(`select question_index, answer from standup_answers order by question_index`)).toEqual([
      { question_index: 0, answer: '完成了登录模块重构' },
      { question_index: 1, answer: '无' },
      { question_index: 2, answer: '接入单点登录' },
    ]);

    await say('LiLei', '积分');
    expect(last('LiLei').text).toContain('积分余额：1');
    await say('LiLei', '排行');
    expect(last('LiLei').text).toContain('李雷');
    await say('LiLei', 'help');
    expect(last('LiLei').text).toContain('积分');

    w.clock.set(MONDAY_CLOSE);
    await w.t.tick();
    await settle(w.t);
    const digest = inbox('wangfang').find((m) => m.text?.includes('2026-W48 周站会'))!;
    expect(digest.text).toContain('■ 李雷');
    expect(digest.text).toContain('未回答：韩梅梅');
    expect(w.fake.dropped).toBe(0);
  });

  it('answers a click on "on leave this week" with update_template_card and its response_code, and excuses the person', async () => {
    const card = last('hanmeimei');
    const code = await click('hanmeimei', card, '本周请假');

    const [update] = w.fake.callsTo('message/update_template_card');
    expect(update.answer.errcode).toBe(0);
    expect(update.body).toEqual({ userids: ['hanmeimei'], agentid: WECOM.agentId, response_code: code, button: { replace_name: '✓ 本周请假' } });
    expect(last('hanmeimei').text).toContain('已记录你 2026-11-27 至 2026-11-29 请假');
    expect(w.t.sql(`select start_date, end_date from leaves`)).toEqual([{ start_date: '2026-11-27', end_date: '2026-11-29' }]);

    w.clock.set('2026-11-27T10:00:00Z'); // 18:00: reminders
    await w.t.tick();
    await settle(w.t);
    const reminded = (userid: string) => inbox(userid).some((m) => `${m.text ?? ''}${titleOf(m)}`.includes('站会还没有完成'));
    expect(reminded('hanmeimei')).toBe(false);
    expect(reminded('LiLei')).toBe(true);

    w.clock.set(MONDAY_CLOSE);
    await w.t.tick();
    await settle(w.t);
    const digest = inbox('wangfang').find((m) => m.text?.includes('2026-W48 周站会'))!;
    expect(digest.text).toContain('未回答：李雷'); // not 韩梅梅: she is on leave
    expect(digest.text).not.toContain('韩梅梅');
  });

  it('keeps the code of a "start" click and marks the card done when the last answer is in', async () => {
    const card = last('LiLei');
    const code = await click('LiLei', card, '开始回答');
    expect(titleOf(last('LiLei'))).toBe('问题 1/3：本周完成了什么？');
    expect(w.fake.callsTo('message/update_template_card')).toHaveLength(0); // held until the standup is done

    await say('LiLei', 'A');
    await say('LiLei', '跳过');
    expect(w.fake.callsTo('message/update_template_card')).toHaveLength(0);
    await say('LiLei', 'C');
    const updates = w.fake.callsTo('message/update_template_card');
    expect(updates.map((u) => u.body)).toEqual([{ userids: ['LiLei'], agentid: WECOM.agentId, response_code: code, button: { replace_name: '✓ 已完成' } }]);
    expect(w.t.sql(`select answer, skipped from standup_answers order by question_index`)).toEqual([
      { answer: 'A', skipped: 0 },
      { answer: null, skipped: 1 },
      { answer: 'C', skipped: 0 },
    ]);
  });

  it('edits through a card button until close, then stores late answers', async () => {
    await say('LiLei', '完成了A');
    const skipCard = last('LiLei');
    await click('LiLei', skipCard, '跳过');
    expect(w.fake.callsTo('message/update_template_card').at(-1)!.body).toMatchObject({ button: { replace_name: '✓ 跳过' } });
    await say('LiLei', '计划B');
    const editCard = last('LiLei');
    await click('LiLei', editCard, '修改 1');
    expect(w.fake.callsTo('message/update_template_card').at(-1)!.body).toMatchObject({ button: { replace_name: '✓ 修改 1' } });
    expect(last('LiLei').card?.sub_title_text ?? last('LiLei').text).toContain('当前回答：完成了A');
    await say('LiLei', '完成了A和C');
    expect(w.t.sql(`select answer, edited_at is not null as edited from standup_answers where question_index = 0`)).toEqual([{ answer: '完成了A和C', edited: 1 }]);

    w.clock.set(MONDAY_CLOSE);
    await w.t.tick();
    await settle(w.t);
    w.clock.set('2026-11-30T03:00:00Z');
    await say('hanmeimei', '迟到的回答一');
    await say('hanmeimei', '没有');
    await say('hanmeimei', '迟到的回答三');
    expect(last('hanmeimei').text).toContain('迟交');
    expect(w.t.sql(`select count(*) as n from standup_answers a join standup_requests r on r.id = a.request_id where a.late = 1`)).toEqual([{ n: 3 }]);
    expect(inbox('wangfang').some((m) => m.text?.includes('韩梅梅 迟交了'))).toBe(true);
  });
});
