/**
 * Issue 14 item 5: nobody awards or approves for themselves. An HR account adjusting its own points or deciding
 * its own redemption is refused (403 own_points / own_redemption) with nothing changed and nothing audited; a
 * second HR member or an admin can. The first admin, who is nobody in the directory, has nothing of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'H2,钱人事,qian.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'A2,孙管理,sun.admin@example.com,总部,,general,Asia/Shanghai,zh-CN,,,admin',
  'E1,李雷,li.lei@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee',
].join('\n');

type ErrorBody = { error: { code: string; message: string } };

describe('nobody awards or approves for themselves', () => {
  let t: TestApp;
  let zhao: Client, qian: Client, sun: Client;
  const idOf = (email: string) => t.sql<{ id: number }>('select id from people where email = ?', email)[0].id;
  const ledger = (email: string) => t.sql<{ kind: string; amount: number }>('select kind, amount from points_ledger where person_id = ? order by id', idOf(email));
  const audits = () => t.sql<{ n: number }>('select count(*) as n from audit_log')[0].n;
  const status = (id: number) => t.sql<{ status: string }>('select status from redemptions where id = ?', id)[0].status;

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
    [zhao, qian, sun] = await Promise.all(['zhao.hr', 'qian.hr', 'sun.admin'].map((n) => t.signInAs(`${n}@example.com`)));
  });
  afterAll(async () => t.destroy());

  it('HR adjusting their own points gets 403 own_points, with nothing in the ledger and nothing audited', async () => {
    const before = audits();
    const res = await zhao.json<ErrorBody>('POST', '/api/points/adjust', { email: 'zhao.hr@example.com', amount: 1000, reason: '年终奖励' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('own_points');
    expect(res.body.error.message).toMatch(/another HR member or an admin/);
    // The e-mail's case does not make it someone else.
    expect((await zhao.json<ErrorBody>('POST', '/api/points/adjust', { email: 'ZHAO.HR@example.com', amount: 1000, reason: '年终奖励' })).body.error.code).toBe('own_points');
    expect(ledger('zhao.hr@example.com')).toEqual([]);
    expect(audits()).toBe(before);
  });

  it('an admin with a person record is held to the same rule; a second HR member and the first admin can adjust', async () => {
    expect((await sun.json<ErrorBody>('POST', '/api/points/adjust', { email: 'sun.admin@example.com', amount: 5, reason: 'x' })).body.error.code).toBe('own_points');
    expect((await qian.json('POST', '/api/points/adjust', { email: 'zhao.hr@example.com', amount: 10, reason: '季度分享' })).status).toBe(200);
    // The first admin (ADMIN_EMAIL) is nobody in this directory: nothing is their own.
    expect((await t.request('POST', '/api/points/adjust', { email: 'zhao.hr@example.com', amount: 2, reason: '补录' })).status).toBe(200);
    expect(ledger('zhao.hr@example.com')).toEqual([{ kind: 'adjustment', amount: 10 }, { kind: 'adjustment', amount: 2 }]);
  });

  it('HR deciding their own redemption gets 403 own_redemption and it stays pending; a second HR member decides it', async () => {
    const reward = (await (await t.request('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift', stock: 5 })).json()) as { id: number };
    const own = await zhao.json<{ redemption: { id: number } }>('POST', '/api/redemptions', { rewardId: reward.id });
    expect(own.status).toBe(201);
    const id = own.body.redemption.id;
    const before = audits();
    for (const decision of ['approve', 'reject']) {
      const res = await zhao.json<ErrorBody>('POST', `/api/redemptions/${id}/${decision}`, {});
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('own_redemption');
    }
    expect(status(id)).toBe('pending');
    // The queue says so per row, for the console: 赵人事 may not decide it, 钱人事 may.
    const queue = async (c: Client) => (await c.json<{ redemptions: { id: number; canDecide: boolean }[] }>('GET', '/api/redemptions?status=pending')).body.redemptions;
    expect((await queue(zhao)).find((r) => r.id === id)?.canDecide).toBe(false);
    expect((await queue(qian)).find((r) => r.id === id)?.canDecide).toBe(true);
    expect(ledger('zhao.hr@example.com').filter((e) => e.kind === 'refund')).toEqual([]); // the reject refunded nothing
    expect(audits()).toBe(before);
    expect((await qian.json('POST', `/api/redemptions/${id}/approve`, { note: '请到前台领取' })).status).toBe(200);
    expect(status(id)).toBe('approved');
  });

  it('an admin decides an HR member’s redemption; an unknown redemption is still 404', async () => {
    const reward = t.sql<{ id: number }>('select id from rewards limit 1')[0].id;
    expect((await zhao.json('POST', '/api/points/adjust', { email: 'qian.hr@example.com', amount: 3, reason: '分享' })).status).toBe(200);
    const mine = await qian.json<{ redemption: { id: number } }>('POST', '/api/redemptions', { rewardId: reward });
    expect((await sun.json('POST', `/api/redemptions/${mine.body.redemption.id}/reject`, { note: '本月暂停' })).status).toBe(200);
    expect(status(mine.body.redemption.id)).toBe('rejected');
    expect((await zhao.json<ErrorBody>('POST', '/api/redemptions/99999/approve', {})).body.error.code).toBe('not_found');
  });
});
