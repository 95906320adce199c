import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger';
import { enqueue } from '../../bot/outbox/enqueue';
import { WecomClient } from '../../bot/platform/wecom/apiClient';
import { TestClock } from '../support/clock';
import type { FakeUser } from '../support/fakeWecom';
import { PEOPLE_HEADER } from '../support/harness';
import { settle, startWecomApp, WECOM, WECOM_TEAM_CSV } from '../support/wecomHarness';

const FRIDAY_PROMPT = '2026-11-27T08:01:00Z';

/** n people in Shanghai speaking zh-CN, all with WeCom userids: their opening card is the same bytes. */
function crowd(n: number): { csv: string; users: FakeUser[] } {
  const rows = Array.from({ length: n }, (_, i) => `C${i},员工${i},c${i}@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,u${i},employee`);
  return { csv: [PEOPLE_HEADER, ...rows].join('\n'), users: Array.from({ length: n }, (_, i) => ({ userid: `u${i}`, name: `员工${i}`, department: [1] })) };
}

describe('delivering to WeCom', () => {
  let w: Awaited<ReturnType<typeof startWecomApp>> | undefined;
  afterEach(async () => w?.destroy());
  const deliveryRows = () => w!.t.sql<{ status: string; attempts: number; n: number }>(`select status, attempts, count(*) as n from deliveries group by status, attempts order by status, attempts`);

  it('recovers from a token that expires in the middle of a 2,500-person fan-out: batches of up to 1000, nobody missed, nothing doubled', async () => {
    const { csv, users } = crowd(2500);
    w = await startWecomApp({ users, clock: new TestClock(FRIDAY_PROMPT) });
    expect((await w.t.importPeople(csv)).status).toBe(200);
    w.fake.expireTokensAfter('message/send', 1);
    expect(await w.t.runJob('standup-prompt')).toMatchObject({ asked: 2500 });
    await settle(w.t);

    const sends = w.fake.callsTo('message/send');
    // The job enqueues in batches with the event loop free in between (promptStandupInSlices), so the outbox's poll
    // may claim part of the fan-out before the rest is written: a batch of up to 1000 then holds fewer. Three calls
    // when nothing interleaves; a slow or loaded machine (CI, benches beside it) needs a few more, still batches.
    expect(sends.map((c) => c.answer.errcode).filter((code) => code !== 0)).toEqual([42001]);
    expect(sends[1].answer.errcode).toBe(42001);
    const sizes = sends.filter((c) => c.answer.errcode === 0).map((c) => (c.body as { touser: string }).touser.split('|').length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes.length, `batch sizes ${sizes.join(', ')}`).toBeLessThanOrEqual(12);
    expect(w.fake.callsTo('gettoken')).toHaveLength(2);
    expect(users.every((u) => w!.fake.messagesTo(u.userid).length === 1)).toBe(true);
    expect(deliveryRows()).toEqual([{ status: 'sent', attempts: 1, n: 2500 }]);
    expect(w.fake.dropped).toBe(0);
  });

  it('shares one token refresh among concurrent callers', async () => {
    w = await startWecomApp();
    const client = new WecomClient({ apiBase: w.fake.url, corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId, now: w.clock.now, log: createLogger('silent') });
    await Promise.all(Array.from({ length: 8 }, () => client.departments()));
    w.fake.expireTokens();
    await Promise.all(Array.from({ length: 8 }, () => client.departments()));
    expect(w.fake.callsTo('gettoken')).toHaveLength(2);
    expect(w.fake.callsTo('department/list').filter((c) => c.answer.errcode === 0)).toHaveLength(16);
  });

  it('backs off a whole minute on 45009 and then delivers', async () => {
    w = await startWecomApp({ clock: new TestClock(FRIDAY_PROMPT) });
    await w.t.importPeople(WECOM_TEAM_CSV);
    w.fake.failNext('message/send', 45009);
    await w.t.runJob('standup-prompt');
    // two calls: the zh-CN card to three people, Kevin's English card; the first one answered 45009
    const [throttled] = w.fake.callsTo('message/send').filter((c) => c.answer.errcode === 45009);
    const waiting = (throttled.body as { touser: string }).touser.split('|').length;
    const rows = w.t.sql<{ status: string; last_error: string; next_attempt_at: string }>(`select status, last_error, next_attempt_at from deliveries where status = 'pending'`);
    expect(rows).toHaveLength(waiting);
    for (const row of rows) {
      expect(row.last_error).toContain('errcode 45009');
      expect(Date.parse(row.next_attempt_at) - w.clock.now().getTime()).toBe(60_000);
    }
    w.clock.advance(61_000);
    await settle(w.t);
    // Waiting out 45009 is a deferral, not a failed attempt (a long run of them must never dead-letter a batch).
    expect(deliveryRows()).toEqual([{ status: 'sent', attempts: 1, n: 4 }]);
  });

  it('records invaliduser on the person and does not retry them; the rest of the batch is delivered', async () => {
    w = await startWecomApp({ clock: new TestClock(FRIDAY_PROMPT), users: [{ userid: 'wangfang', name: 'w', department: [1] }, { userid: 'LiLei', name: 'l', department: [1], status: 4 }] });
    await w.t.importPeople(WECOM_TEAM_CSV);
    await w.t.runJob('standup-prompt');
    await settle(w.t);
    expect(w.fake.sends()[0].answer.invaliduser).toBe('lilei|hanmeimei');
    expect(w.t.sql(`select p.email, d.status, d.attempts from deliveries d join people p on p.id = d.person_id order by p.email`)).toEqual([
      { email: 'han.meimei@example.com', status: 'dead', attempts: 1 },
      { email: 'kevin.li@example.com', status: 'dead', attempts: 1 }, // alone in his call: 81013, every recipient invalid
      { email: 'li.lei@example.com', status: 'dead', attempts: 1 },
      { email: 'wang.fang@example.com', status: 'sent', attempts: 1 },
    ]);
    expect(w.t.sql(`select i.userid from wecom_invalid_recipients i order by i.userid`)).toEqual([{ userid: 'LiLei' }, { userid: 'hanmeimei' }, { userid: 'kevinli' }]);

    // a message for invalid members only: WeCom answers 81013; recorded the same way, not retried
    enqueue(w.t.app.deps, [{ dedupeKey: 'x:1', target: { kind: 'person', personId: 2 }, message: { text: 'hello' } }]);
    await settle(w.t);
    expect(w.t.sql(`select status, last_error like '%invaliduser%' as invalid from deliveries where dedupe_key = 'x:1'`)).toEqual([{ status: 'dead', invalid: 1 }]);

    // two of them are reachable again: one identical message to three people goes out in one call, and a member it
    // reached is no longer listed; the one still unreachable stays listed
    w.fake.addUsers({ userid: 'LiLei', name: 'l', department: [1] }, { userid: 'hanmeimei', name: 'h', department: [1] });
    const ids = w.t.sql<{ id: number }>(`select id from people where email in ('li.lei@example.com', 'han.meimei@example.com', 'kevin.li@example.com') order by email`).map((r) => r.id);
    const calls = w.fake.sends().length;
    enqueue(w.t.app.deps, ids.map((personId) => ({ dedupeKey: `again:${personId}`, target: { kind: 'person' as const, personId }, message: { text: 'hello again' } })));
    await settle(w.t);
    expect(w.fake.sends().slice(calls).map((s) => (s.body as { touser: string }).touser)).toEqual(['hanmeimei|kevinli|LiLei']);
    expect(w.t.sql(`select i.userid from wecom_invalid_recipients i order by i.userid`)).toEqual([{ userid: 'kevinli' }]);
  });

  it('keeps each member within 30 messages a minute, deferring the rest instead of losing them', async () => {
    w = await startWecomApp({ clock: new TestClock(FRIDAY_PROMPT) });
    await w.t.importPeople(WECOM_TEAM_CSV);
    const liLei = w.t.sql<{ id: number }>(`select id from people where email = 'li.lei@example.com'`)[0].id;
    enqueue(w.t.app.deps, Array.from({ length: 35 }, (_, i) => ({ dedupeKey: `burst:${i}`, target: { kind: 'person' as const, personId: liLei }, message: { text: `消息 ${i}` } })));
    await settle(w.t);
    expect(w.fake.messagesTo('LiLei')).toHaveLength(30);
    expect(w.t.sql(`select count(*) as n from deliveries where status = 'pending'`)).toEqual([{ n: 5 }]);
    w.clock.advance(65_000);
    await settle(w.t);
    expect(w.fake.messagesTo('LiLei')).toHaveLength(35);
    expect(w.fake.dropped).toBe(0);
    // Waiting for the member limit is a deferral, not a failed attempt: every message went out on its first counted try.
    expect(w.t.sql(`select max(attempts) as most from deliveries`)).toEqual([{ most: 1 }]);
  });

  it('splits text over 2048 bytes into several messages, in order', async () => {
    w = await startWecomApp({ clock: new TestClock(FRIDAY_PROMPT) });
    await w.t.importPeople(WECOM_TEAM_CSV);
    const lines = Array.from({ length: 120 }, (_, i) => `■ 第 ${i} 行：本周完成了登录模块重构，接入单点登录`);
    enqueue(w.t.app.deps, [{ dedupeKey: 'digest:1', target: { kind: 'person', personId: 1 }, message: { text: lines.join('\n') } }]);
    await settle(w.t);
    const parts = w.fake.messagesTo('wangfang').map((m) => m.text!);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('posts announcements through the group robot, at most 20 a minute', async () => {
    w = await startWecomApp({ clock: new TestClock(FRIDAY_PROMPT) });
    enqueue(w.t.app.deps, Array.from({ length: 23 }, (_, i) => ({ dedupeKey: `news:${i}`, target: { kind: 'channel' as const, channel: 'general' }, message: { text: `公告 ${i}` } })));
    await settle(w.t);
    expect(w.fake.robotMessages).toHaveLength(20);
    w.clock.advance(61_000);
    await settle(w.t);
    expect(w.fake.robotMessages).toEqual(Array.from({ length: 23 }, (_, i) => `公告 ${i}`));
    expect(w.fake.callsTo('webhook/send').every((c) => c.answer.errcode === 0)).toBe(true);
  });
});
