import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

// Week 2026-W48: Friday 27 Nov. Shanghai 16:00 = 08:00Z; reminder 18:00 = 10:00Z; close Monday 30 Nov 10:00 = 02:00Z.
const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';

describe('the weekly standup, end to end through the local chat', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T07:00:00Z') });
    expect((await t.importPeople(TEAM_CSV)).status).toBe(200);
  });
  afterEach(async () => t.destroy());

  it('asks at 16:00 local, stores three answers, awards one point and sends the manager one digest at close', async () => {
    await t.tick(); // 15:00 in Shanghai: nobody is due yet
    expect(await t.botMessages('li.lei@example.com')).toHaveLength(0);

    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    const [prompt] = await t.botMessages('li.lei@example.com');
    expect(prompt.text).toContain('李雷');
    expect(prompt.text).toContain('问题 1/3：本周完成了什么？');
    expect(prompt.buttons.map((b) => b.actionId)).toEqual(['standup.skip']);
    // Los Angeles is still on Thursday night: Kevin is asked at his own 16:00.
    expect(await t.botMessages('kevin.li@example.com')).toHaveLength(0);

    await t.say('li.lei@example.com', '完成了登录模块重构');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('问题 2/3：遇到哪些障碍？');
    await t.say('li.lei@example.com', '无');
    await t.say('li.lei@example.com', '接入单点登录');
    const done = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(done.text).toContain('积分 +1');
    expect(done.fields.map((f) => f.value)).toEqual(['完成了登录模块重构', '无', '接入单点登录']);
    expect(done.buttons.map((b) => b.value)).toEqual(['1', '2', '3']);

    const stored = t.sql<{ question_index: number; answer: string; late: number }>(
      `select a.question_index, a.answer, a.late from standup_answers a join standup_requests r on r.id = a.request_id
       join people p on p.id = r.person_id where p.email = 'li.lei@example.com' order by a.question_index`,
    );
    expect(stored).toEqual([
      { question_index: 0, answer: '完成了登录模块重构', late: 0 },
      { question_index: 1, answer: '无', late: 0 },
      { question_index: 2, answer: '接入单点登录', late: 0 },
    ]);
    expect(t.sql(`select amount, source_key from points_ledger`)).toHaveLength(1);
    await t.say('li.lei@example.com', '积分');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toBe('积分余额：1。本月（2026-11）得分：1，排名第 1/1。');
    // "无" is not an obstacle: the manager has heard nothing yet.
    expect(await t.botMessages('wang.fang@example.com')).toHaveLength(1); // only her own prompt

    t.clock.set('2026-11-28T00:01:00Z'); // Friday 16:01 in Los Angeles
    await t.tick();
    const kevinPrompt = (await t.botMessages('kevin.li@example.com'))[0];
    expect(kevinPrompt.text).toContain('Question 1/3: What did you complete this week?');

    t.clock.set('2026-11-30T02:00:00Z'); // Monday 10:00 in Shanghai
    await t.tick();
    const digests = (await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('2026-W48 周站会'));
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('（1/3 人已回答）');
    expect(digests[0].text).toContain('■ 李雷');
    expect(digests[0].text).toContain('完成了登录模块重构');
    expect(digests[0].text).toContain('未回答：Kevin Li、韩梅梅');
    // Nobody else sees the list of who did not answer.
    for (const email of ['li.lei@example.com', 'han.meimei@example.com', 'kevin.li@example.com']) {
      expect((await t.botMessages(email)).some((m) => m.text.includes('未回答'))).toBe(false);
    }
    await t.tick();
    expect((await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('2026-W48 周站会'))).toHaveLength(1);
  });

  it('sends the reminder exactly once, only to those who have not finished', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    await t.say('li.lei@example.com', 'a');
    await t.say('li.lei@example.com', 'b');
    await t.say('li.lei@example.com', 'c');
    await t.say('han.meimei@example.com', '写了接口文档');

    t.clock.set('2026-11-27T10:00:00Z'); // 18:00 Shanghai
    await t.tick();
    await t.tick();
    expect(await t.runJob('standup-reminder')).toEqual({ reminded: 0 }); // run-now never repeats a reminder
    const han = await t.botMessages('han.meimei@example.com');
    const reminders = han.filter((m) => m.text.includes('提醒'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain('问题 2/3'); // picks up where she stopped
    expect((await t.botMessages('li.lei@example.com')).filter((m) => m.text.includes('提醒'))).toHaveLength(0);
    expect((await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('提醒'))).toHaveLength(1);
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'standup-reminder:%'`)).toEqual([{ n: 2 }]);
  });

  it('alerts the manager at once when the obstacles answer is a real blocker, once per distinct blocker', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    await t.say('han.meimei@example.com', '完成了支付回调');
    await t.say('han.meimei@example.com', '测试环境一直不稳定，联调受阻');
    const alerts = (await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('报告了障碍'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].text).toContain('韩梅梅');
    expect(alerts[0].text).toContain('测试环境一直不稳定，联调受阻');
  });

  it('lets a person skip a question and edit an answer until the round closes', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    await t.say('li.lei@example.com', '完成了A');
    await t.click('li.lei@example.com', 'standup.skip', '1');
    await t.say('li.lei@example.com', '计划B');
    let last = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(last.fields[1].value).toBe('（已跳过）');

    await t.click('li.lei@example.com', 'standup.edit', '1');
    last = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(last.text).toContain('当前回答：完成了A');
    await t.say('li.lei@example.com', '完成了A和C');
    last = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(last.fields[0].value).toBe('完成了A和C');
    expect(t.sql(`select answer, edited_at is not null as edited from standup_answers where question_index = 0`)).toEqual([{ answer: '完成了A和C', edited: 1 }]);
    expect(t.sql(`select count(*) as n from points_ledger`)).toEqual([{ n: 1 }]); // editing never earns again

    t.clock.set('2026-11-30T02:00:00Z');
    await t.tick();
    await t.say('li.lei@example.com', '修改 3');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('已经结束');
  });

  it('stores an answer given after close as late, earns nothing, and tells the manager', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    t.clock.set('2026-11-30T02:00:00Z');
    await t.tick();
    t.clock.set('2026-11-30T03:00:00Z');
    await t.say('han.meimei@example.com', '迟到的回答一');
    await t.say('han.meimei@example.com', '没有');
    await t.say('han.meimei@example.com', '迟到的回答三');
    const last = (await t.botMessages('han.meimei@example.com')).at(-1)!;
    expect(last.text).toContain('迟交');
    expect(last.buttons).toEqual([]);
    expect(t.sql(`select count(*) as n, sum(late) as late from standup_answers`)).toEqual([{ n: 3, late: 3 }]);
    expect(t.sql(`select late from standup_requests r join people p on p.id = r.person_id where p.email = 'han.meimei@example.com'`)).toEqual([{ late: 1 }]);
    expect(t.sql(`select count(*) as n from points_ledger`)).toEqual([{ n: 0 }]);
    expect((await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('迟交了'))).toHaveLength(1);
  });

  it('drops a repeated inbound message with the same id', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    const first = await t.say('li.lei@example.com', '完成了A', 'client-msg-1');
    const again = await t.say('li.lei@example.com', '完成了A', 'client-msg-1');
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(t.sql(`select count(*) as n from standup_answers`)).toEqual([{ n: 1 }]);
    expect((await t.messages('li.lei@example.com')).filter((m) => m.from === 'person')).toHaveLength(1);
  });

  it('shows last week\'s plan with "what did you complete?" the next week', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    await t.say('li.lei@example.com', '完成了A');
    await t.say('li.lei@example.com', '无');
    await t.say('li.lei@example.com', '下周接入单点登录');
    t.clock.set('2026-12-04T08:01:00Z'); // the next Friday
    await t.tick();
    const prompt = (await t.botMessages('li.lei@example.com')).find((m) => m.text.includes('2026-W49'))!;
    expect(prompt.text).toContain('上周你计划：下周接入单点登录');
    expect((await t.botMessages('han.meimei@example.com')).find((m) => m.text.includes('2026-W49'))!.text).not.toContain('上周你计划');
  });

  it('keeps the answers as a progress log by person and date range, exportable as CSV', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    await t.say('li.lei@example.com', '完成了A');
    await t.say('li.lei@example.com', '无');
    await t.say('li.lei@example.com', '计划, "B"');
    const json = (await (await t.request('GET', '/api/progress-log?from=2026-11-01&to=2026-11-30&email=li.lei@example.com')).json()) as { entries: { week: string; answers: { answer: string }[] }[] };
    expect(json.entries).toHaveLength(1);
    expect(json.entries[0].answers.map((a) => a.answer)).toEqual(['完成了A', '无', '计划, "B"']);
    const csv = await t.request('GET', '/api/progress-log?from=2026-11-01&to=2026-11-30&department=研发中心&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('周,姓名,邮箱,部门,状态,本周完成了什么？');
    expect(text).toContain('2026-W48,李雷,li.lei@example.com,研发中心/后端组,按时,完成了A,无,"计划, ""B"""');
    expect(text).toContain('韩梅梅,han.meimei@example.com,研发中心/后端组,未回答');
  });

  it('does not answer someone who has left', async () => {
    t.clock.set(FRIDAY_PROMPT);
    await t.tick();
    const { receiveLocalMessage } = await import('../../bot/services/chat/localChat');
    const id = t.sql<{ id: number }>(`select id from people where email = 'han.meimei@example.com'`)[0].id;
    t.sql(`update people set active = 0 where id = ?`, id);
    expect(receiveLocalMessage(t.app.deps, id, { text: '完成了' })).toEqual({ duplicate: false, replies: 0 });
    expect(t.sql(`select count(*) as n from standup_answers`)).toEqual([{ n: 0 }]);
  });
});
