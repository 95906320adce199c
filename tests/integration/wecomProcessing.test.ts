import { afterEach, describe, expect, it } from 'vitest';
import { PEOPLE_HEADER } from '../support/harness';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';
const QUESTION_2 = '问题 2/3：遇到哪些障碍？';
const QUESTION_3 = '问题 3/3：下周计划做什么？';

/**
 * How recorded callbacks become answers and replies (bot/platform/wecom/eventProcessor.ts): from memory as the route
 * parsed them, the replies claimed inside the processing transaction and handed to the sender (HandOff.claimSince),
 * and the table read back after a failure.
 */
describe('WeCom callback processing', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  afterEach(async () => w.destroy());

  const title = (d: { card?: { main_title?: { title?: string } } }) => d.card?.main_title?.title;
  /** The WeCom team, each asked question 1 (Friday's opening card) and every card sent. */
  const promptedTeam = async () => {
    const app = await startWecomApp();
    expect((await app.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    app.clock.set(FRIDAY_PROMPT);
    await app.t.runJob('standup-prompt');
    await settle(app.t);
    return app;
  };

  it('answers a burst from 60 people once each: every answer stored and handled once, one reply each, sent in batches', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `burst${i + 1}`);
    w = await startWecomApp({ users: users.map((userid) => ({ userid, name: userid, department: [2] })) });
    const csv = [PEOPLE_HEADER, ...users.map((u, i) => `B${i + 1},${u},${u}@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,${u},employee`)].join('\n');
    expect((await w.t.importPeople(csv)).status).toBe(200);
    w.clock.set(FRIDAY_PROMPT);
    await w.t.runJob('standup-prompt');
    await settle(w.t);
    const sendsBefore = w.fake.sends().length;

    const answers = await Promise.all(users.map((u) => w.callbacks.text(u, `${u} 完成了本周的工作`)));
    expect(answers.map((r) => r.status)).toEqual(users.map(() => 200));
    await settle(w.t);

    expect(w.t.sql(`select outcome, count(*) as n from wecom_inbound group by outcome`)).toEqual([{ outcome: 'handled', n: 60 }]);
    expect(w.t.sql(`select count(*) as n, count(distinct request_id) as people from standup_answers`)).toEqual([{ n: 60, people: 60 }]);
    for (const u of users) expect(w.fake.messagesTo(u).map(title).filter((t) => t === QUESTION_2)).toHaveLength(1);
    // every reply's row sent once, none left claimed
    expect(w.t.sql(`select status, count(*) as n from deliveries where dedupe_key like 'reply:wecom:%' group by status`)).toEqual([{ status: 'sent', n: 60 }]);
    expect(w.t.sql(`select count(*) as n from deliveries where claimed_until is not null`)).toEqual([{ n: 0 }]);
    const replyCalls = w.fake.sends().slice(sendsBefore).filter((c) => c.api === 'message/send');
    expect(replyCalls.length).toBeLessThan(60); // one message/send to everyone answered together
  });

  it("keeps one person's replies in order when they answer twice before the first is processed", async () => {
    w = await promptedTeam();

    const first = w.callbacks.text('LiLei', '完成了登录模块重构');
    const second = w.callbacks.text('LiLei', '没有障碍');
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    await settle(w.t);

    expect(w.t.sql('select question_index as q, answer from standup_answers order by question_index')).toEqual([
      { q: 0, answer: '完成了登录模块重构' },
      { q: 1, answer: '没有障碍' },
    ]);
    const titles = w.fake.messagesTo('LiLei').map(title);
    expect(titles.slice(-2)).toEqual([QUESTION_2, QUESTION_3]);
  });

  it('takes up an event whose processing failed at the next look, and counts it once', async () => {
    w = await promptedTeam();

    // The database refuses the answer (a trigger stands in for a failure inside the processing, not of the commit).
    w.t.sql(`create trigger refuse_answers before insert on standup_answers begin select raise(abort, 'refused for the test'); end`);
    expect((await w.callbacks.text('LiLei', '完成了登录模块重构')).status).toBe(200);
    for (let i = 0; i < 200 && w.t.sql<{ n: number }>(`select count(*) as n from wecom_inbound where attempts = 1`)[0].n === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(w.t.sql('select attempts, processed_at, last_error from wecom_inbound')).toEqual([{ attempts: 1, processed_at: null, last_error: 'refused for the test' }]);
    expect(w.t.sql('select count(*) as n from standup_answers')).toEqual([{ n: 0 }]);

    // Fixed; the next callback (someone else's) makes the processor read the table again.
    w.t.sql('drop trigger refuse_answers');
    expect((await w.callbacks.text('hanmeimei', '写了接口文档')).status).toBe(200);
    await settle(w.t);
    expect(w.t.sql(`select outcome, attempts from wecom_inbound order by id`)).toEqual([
      { outcome: 'handled', attempts: 1 },
      { outcome: 'handled', attempts: 0 },
    ]);
    expect(w.t.sql('select answer from standup_answers order by id')).toEqual([{ answer: '完成了登录模块重构' }, { answer: '写了接口文档' }]);
    expect(w.fake.messagesTo('LiLei').map(title).filter((t) => t === QUESTION_2)).toHaveLength(1);
  });
});
