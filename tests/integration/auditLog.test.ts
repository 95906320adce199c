import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../bot/services/audit';
import { TestClock } from '../support/clock';
import { type Client, TEAM_CSV, TestApp } from '../support/harness';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}
type Page = { entries: Entry[]; next?: number };

describe('the audit trail: list, filters, paging, who may read it, tampering', () => {
  let t: TestApp;
  let hr: Client;
  let rewardId: number;
  const personId = (email: string) => String(t.sql<{ id: number }>(`select id from people where email = ?`, email)[0].id);
  const list = async (query: string) => {
    const res = await hr.json<Page>('GET', `/api/audit${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-20T02:00:00Z') });
    await t.importPeople(`${TEAM_CSV}\nH1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr`);
    hr = await t.signInAs('zhao.hr@example.com');
    // 20 Nov: a reward is created (by the admin), then changed
    rewardId = ((await (await t.request('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift', stock: null })).json()) as { id: number }).id;
    t.clock.advance(60_000);
    expect((await t.request('PUT', `/api/rewards/${rewardId}`, { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 4, kind: 'gift', stock: null })).status).toBe(200);
    // 21 Nov: point adjustments for Li Lei (admin) and Han Meimei (HR)
    t.clock.set('2026-11-21T03:00:00Z');
    expect((await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 2, reason: '帮助新人' })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await hr.request('POST', '/api/points/adjust', { email: 'han.meimei@example.com', amount: 5, reason: '季度分享' })).status).toBe(200);
    // 22 Nov: Li Lei again
    t.clock.set('2026-11-22T03:00:00Z');
    expect((await t.request('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: -1, reason: '更正' })).status).toBe(200);
  });
  afterAll(async () => t.destroy());

  it('lists everything newest first with the stored columns', async () => {
    const page = await list('');
    expect(page.next).toBeUndefined();
    expect(page.entries.map((e) => e.action)).toEqual(['points.adjust', 'points.adjust', 'points.adjust', 'reward.update', 'reward.create']);
    const ids = page.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.entries[0]).toEqual({
      id: ids[0], at: '2026-11-22T03:00:00.000Z', actor: expect.stringMatching(/^account:\d+$/), actorEmail: expect.stringMatching(/@example\.com$/), action: 'points.adjust', entity: 'person',
      entityId: personId('li.lei@example.com'), before: { balance: 2 }, after: { balance: 1, sourceKey: expect.any(String) }, reason: '更正',
    });
    expect(page.entries[3]).toMatchObject({ entity: 'reward', entityId: String(rewardId), before: { cost: 3 }, after: { cost: 4 }, reason: null });
  });

  it('filters by entity, entity id, person and time range', async () => {
    expect((await list('?entity=reward')).entries.map((e) => e.action)).toEqual(['reward.update', 'reward.create']);
    expect((await list(`?entity=reward&id=${rewardId}`)).entries).toHaveLength(2);
    expect((await list(`?entity=reward&id=99999`)).entries).toEqual([]);
    const li = await list('?person=li.lei@example.com');
    expect(li.entries.map((e) => e.reason)).toEqual(['更正', '帮助新人']);
    expect((await list('?person=HAN.MEIMEI@example.com')).entries.map((e) => e.reason)).toEqual(['季度分享']);
    expect((await list('?person=nobody@example.com')).entries).toEqual([]);
    // dates are whole UTC days, both ends included; timestamps are exact
    expect((await list('?from=2026-11-21&to=2026-11-21')).entries.map((e) => e.reason)).toEqual(['季度分享', '帮助新人']);
    expect((await list('?from=2026-11-21')).entries).toHaveLength(3);
    expect((await list('?to=2026-11-20')).entries.map((e) => e.entity)).toEqual(['reward', 'reward']);
    expect((await list('?from=2026-11-21T03:00:30Z&to=2026-11-22T03:00:00.000Z')).entries.map((e) => e.reason)).toEqual(['更正', '季度分享']);
    expect((await list('?person=li.lei@example.com&from=2026-11-22')).entries.map((e) => e.reason)).toEqual(['更正']);
  });

  it('pages by id with limit and before', async () => {
    const first = await list('?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].id);
    const second = await list(`?limit=2&before=${first.next}`);
    expect(second.entries).toHaveLength(2);
    const third = await list(`?limit=2&before=${second.next}`);
    expect(third.entries.map((e) => e.action)).toEqual(['reward.create']);
    expect(third.next).toBeUndefined();
    const all = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(new Set(all).size).toBe(5);
  });

  it('rejects unknown or malformed parameters and a limit over 500', async () => {
    for (const q of ['?limit=501', '?limit=0', '?from=yesterday', '?person=not-an-email', '?entity=DROP%20TABLE', '?before=-1', '?sort=asc', '?entity=a&entity=b']) {
      const res = await hr.json<{ error: { code: string } }>('GET', `/api/audit${q}`);
      expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'invalid_request']);
    }
    expect((await hr.json('GET', '/api/audit?limit=500')).status).toBe(200);
  });

  it('is for HR and admins only', async () => {
    for (const email of ['li.lei@example.com', 'wang.fang@example.com']) {
      const who = await t.signInAs(email);
      expect((await who.request('GET', '/api/audit')).status).toBe(403);
      expect((await who.request('GET', '/api/audit/verify')).status).toBe(403);
    }
    expect((await t.request('GET', '/api/audit?limit=1')).status).toBe(200);
    expect((await hr.json('GET', '/api/audit/verify')).body).toEqual({ ok: true, rows: 5 });
  });

  it('finds a row changed behind its back: the API and verifyAuditChain name the same entry', async () => {
    const target = (await list('?entity=person&limit=500')).entries.at(-1)!; // the first adjustment
    t.sql(`drop trigger audit_log_no_update`);
    t.sql(`update audit_log set after = ? where id = ?`, JSON.stringify({ balance: 200 }), target.id);
    const verdict = await hr.json('GET', '/api/audit/verify');
    expect(verdict).toEqual({ status: 200, body: { ok: false, rows: 2, brokenAt: target.id } });
    expect(verifyAuditChain(t.app.db)).toEqual(verdict.body);
    // the list shows what is stored now, tampered or not
    expect((await list(`?entity=person&id=${target.entityId}`)).entries.at(-1)!.after).toEqual({ balance: 200 });
  });
});
