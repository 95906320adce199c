import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordLedger } from '../../bot/services/points/points';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp } from '../support/harness';

const answer = async (t: TestApp, email: string) => {
  for (const text of ['完成了', '无', '继续']) await t.say(email, text);
};

describe('points, the monthly leaderboard and rewards', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T08:01:00Z') });
    await t.importPeople(TEAM_CSV);
  });
  afterEach(async () => t.destroy());

  const personId = (email: string) => t.sql<{ id: number }>(`select id from people where email = ?`, email)[0].id;
  const balance = async (email: string) => ((await (await t.request('GET', `/api/people/${personId(email)}/ledger`)).json()) as { balance: number }).balance;

  it('through the local chat: answer on time, 积分 shows it, the month-end job announces the person in the channel', async () => {
    await t.tick();
    await answer(t, 'li.lei@example.com');
    await t.say('li.lei@example.com', '积分');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toBe('积分余额：1。本月（2026-11）得分：1，排名第 1/1。');
    await t.say('li.lei@example.com', '排行');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('1. 李雷：1 分');

    t.clock.set('2026-11-30T09:01:00Z'); // Monday 30 Nov 17:01 in Shanghai: the last working day of November
    await t.tick();
    const channel = (await (await t.request('GET', '/api/local/messages?channel=general')).json()) as { messages: { text: string }[] };
    expect(channel.messages).toHaveLength(1);
    expect(channel.messages[0].text).toContain('2026-11 积分榜前 10%');
    expect(channel.messages[0].text).toContain('李雷（研发中心/后端组）：1 分');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('你进入了本月前 10%');

    await t.tick();
    expect(await t.runJob('leaderboard-monthly')).toEqual({ announced: [] }); // run twice: announced once
    const again = (await (await t.request('GET', '/api/local/messages?channel=general')).json()) as { messages: unknown[] };
    expect(again.messages).toHaveLength(1);
  });

  it('reproduces the snapshot exactly as announced after later ledger entries', async () => {
    await t.tick();
    await answer(t, 'li.lei@example.com');
    await answer(t, 'han.meimei@example.com');
    await t.runJob('leaderboard-monthly');
    const snap = await (await t.request('GET', '/api/leaderboard/snapshots/2026-11')).json();
    const adjusted = await t.request('POST', '/api/points/adjust', { email: 'han.meimei@example.com', amount: 5, reason: '季度分享' });
    expect(adjusted.status).toBe(200);
    const live = (await (await t.request('GET', '/api/leaderboard?month=2026-11')).json()) as { rows: { name: string; score: number }[] };
    expect(live.rows[0]).toMatchObject({ name: '韩梅梅', score: 6 });
    expect(await (await t.request('GET', '/api/leaderboard/snapshots/2026-11')).json()).toEqual(snap);
    expect((snap as { entries: { score: number }[] }).entries.map((e) => e.score)).toEqual([1, 1]);
  });

  it('counts a Friday-evening answer in Los Angeles in the month it was on time locally', async () => {
    // Friday 31 July 2026: 16:00 PDT is 23:00Z; the answer at 17:30 PDT is already 1 August in UTC.
    t.clock.set('2026-07-31T23:01:00Z');
    await t.tick();
    t.clock.set('2026-08-01T00:30:00Z');
    await answer(t, 'kevin.li@example.com');
    expect(t.sql(`select score_month, kind, amount from points_ledger`)).toEqual([{ score_month: '2026-07', kind: 'standup', amount: 1 }]);
    const july = (await (await t.request('GET', '/api/leaderboard?month=2026-07')).json()) as { rows: { name: string }[] };
    expect(july.rows.map((r) => r.name)).toEqual(['Kevin Li']);
  });

  it('earns once per source key and keeps the ledger append-only', async () => {
    const id = personId('li.lei@example.com');
    const now = new Date('2026-11-27T08:00:00Z');
    expect(recordLedger(t.app.db, { personId: id, amount: 1, kind: 'standup', reason: 'x', sourceKey: 'standup:1:1' }, now, 'Asia/Shanghai')).toBe(true);
    expect(recordLedger(t.app.db, { personId: id, amount: 1, kind: 'standup', reason: 'x', sourceKey: 'standup:1:1' }, now, 'Asia/Shanghai')).toBe(false);
    expect(() => t.sql(`update points_ledger set amount = 100`)).toThrow(/append-only/);
    expect(() => t.sql(`delete from points_ledger`)).toThrow(/append-only/);
    expect(await balance('li.lei@example.com')).toBe(1);
  });

  it('never overdraws: two concurrent redemptions through two processes on one database, one refused', async () => {
    const reward = (await (await t.request('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift', stock: null })).json()) as { id: number };
    await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 5, reason: '活动奖励' });
    const other = await TestApp.start({ clock: t.clock, dir: t.dir });
    try {
      const [a, b] = await Promise.all([
        t.request('POST', '/api/local/messages', { employee: 'li.lei@example.com', action: 'rewards.redeem', value: String(reward.id) }),
        other.request('POST', '/api/local/messages', { employee: 'li.lei@example.com', action: 'rewards.redeem', value: String(reward.id) }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
    } finally {
      await other.stop();
    }
    const replies = (await t.botMessages('li.lei@example.com')).map((m) => m.text);
    expect(replies.filter((x) => x.startsWith('已申请兑换'))).toHaveLength(1);
    expect(replies.filter((x) => x.startsWith('积分不够'))).toHaveLength(1);
    expect(await balance('li.lei@example.com')).toBe(2);
  });

  it('refunds a rejected redemption and tells the person; approved time off is reported in hours', async () => {
    const leave = (await (await t.request('POST', '/api/rewards', { nameZh: '调休半天', nameEn: 'Half day off', cost: 2, kind: 'time_off', hours: 4, stock: 1 })).json()) as { id: number };
    await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 4, reason: '补录' });
    await t.say('li.lei@example.com', '兑换');
    const menu = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(menu.buttons.map((b) => b.label)).toEqual(['调休半天：2 分']);
    await t.click('li.lei@example.com', 'rewards.redeem', String(leave.id));
    await t.click('li.lei@example.com', 'rewards.redeem', String(leave.id)); // stock 1: the second is refused
    expect(await balance('li.lei@example.com')).toBe(2);

    const queue = (await (await t.request('GET', '/api/redemptions?status=pending')).json()) as { redemptions: { id: number }[] };
    expect(queue.redemptions).toHaveLength(1);
    const rejected = await t.request('POST', `/api/redemptions/${queue.redemptions[0].id}/reject`, { note: '本月人手紧张' });
    expect(rejected.status).toBe(200);
    expect(await balance('li.lei@example.com')).toBe(4);
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toContain('2 积分已退回');
    expect((await t.request('POST', `/api/redemptions/${queue.redemptions[0].id}/approve`, {})).status).toBe(409);

    await t.click('li.lei@example.com', 'rewards.redeem', String(leave.id)); // stock came back with the refund
    const second = (await (await t.request('GET', '/api/redemptions?status=pending')).json()) as { redemptions: { id: number }[] };
    await t.request('POST', `/api/redemptions/${second.redemptions[0].id}/approve`, {});
    const report = await (await t.request('GET', '/api/reports/time-off?from=2026-11-01&to=2026-12-01')).json();
    expect(report).toEqual({ rows: [{ personId: personId('li.lei@example.com'), name: '李雷', email: 'li.lei@example.com', hours: 4 }] });
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('requires a reason for manual adjustments, audits them, and detects tampering with the trail', async () => {
    const noReason = await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 2, reason: ' ' });
    expect(noReason.status).toBe(400);
    await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 2, reason: '帮助新人' });
    expect(t.sql(`select action, reason from audit_log`)).toEqual([{ action: 'points.adjust', reason: '帮助新人' }]);
    t.sql(`drop trigger audit_log_no_update`);
    t.sql(`update audit_log set reason = '改过的'`);
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: 1 });
  });
});

