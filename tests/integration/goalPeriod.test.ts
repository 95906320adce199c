import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { TEAM_CSV, TestApp, type Client } from '../support/harness';

const GOALS_CSV = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'D25,,department,2025 部门目标,wang.fang@example.com,研发中心,%,0,100,1,2025-01-01,2025-12-31,91',
  'P25,D25,individual,2025 回访客户,li.lei@example.com,研发中心/后端组,家,0,40,1,2025-01-01,2025-12-31,91',
  'D26,,department,2026 部门目标,wang.fang@example.com,研发中心,%,0,100,1,2026-01-01,2026-12-31,91',
  'C26,D26,individual,2026 回访客户,li.lei@example.com,研发中心/后端组,家,0,60,1,2026-10-01,2026-12-31,14',
  'Q26,D26,individual,2026 第三季度文档,li.lei@example.com,研发中心/后端组,篇,0,5,1,2026-07-01,2026-11-23,14',
].join('\n');

interface TreeGoal { ref: string; title: string; children: TreeGoal[] }
const refs = (list: TreeGoal[]): string[] => list.flatMap((g) => [g.ref, ...refs(g.children)]);

describe('their goals are the current ones unless asked for more', () => {
  let t: TestApp;
  let lei: Client;
  beforeEach(async () => {
    // Monday 23 Nov 2026, 10:00 in Shanghai: Q26 ends today (still current), P25 ended last year.
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
    expect((await t.request('POST', '/api/goals/import', GOALS_CSV, 'text/csv')).status).toBe(200);
    t.sql(`update goals set status = 'done' where ref in ('P25', 'Q26')`); // finished goals: last year's and this period's
    lei = await t.signInAs('li.lei@example.com');
  });
  afterEach(async () => t.destroy());

  const leiId = () => t.sql<{ id: number }>(`select id from people where email = 'li.lei@example.com'`)[0].id;

  it('lists only current goals in chat, the goal tree, My page and the person page; period=all and a year show the history', async () => {
    await t.say('li.lei@example.com', '目标');
    const list = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(list.text).toContain('2026 回访客户');
    expect(list.text).toContain('2026 第三季度文档'); // done, but its period has not ended
    expect(list.text).not.toContain('2025 回访客户');
    expect(list.buttons).toHaveLength(2);

    const tree = async (q = '') => refs(((await (await t.request('GET', `/api/goals${q}`)).json()) as { goals: TreeGoal[] }).goals);
    expect(await tree()).toEqual(['D26', 'C26', 'Q26']);
    expect(await tree('?period=current')).toEqual(['D26', 'C26', 'Q26']);
    expect((await tree('?period=all')).sort()).toEqual(['C26', 'D25', 'D26', 'P25', 'Q26']);
    expect(await tree('?period=2025')).toEqual(['D25', 'P25']);

    const mine = async (q = '') => (await lei.json<{ goals: { title: string }[] }>('GET', `/api/me/goals${q}`)).body.goals.map((g) => g.title).sort();
    expect(await mine()).toEqual(['2026 回访客户', '2026 第三季度文档']);
    expect(await mine('?period=all')).toEqual(['2025 回访客户', '2026 回访客户', '2026 第三季度文档']);

    const page = async (q = '') => ((await (await t.request('GET', `/api/people/${leiId()}${q}`)).json()) as { goals: { title: string }[] }).goals.map((g) => g.title).sort();
    expect(await page()).toEqual(['2026 回访客户', '2026 第三季度文档']);
    expect(await page('?period=all')).toEqual(['2025 回访客户', '2026 回访客户', '2026 第三季度文档']);

    // The next day Q26's period has ended: it leaves the current lists.
    t.clock.set('2026-11-24T02:00:00Z');
    expect(await mine()).toEqual(['2026 回访客户']);
  });

  it('refuses a period it does not understand, on every reader', async () => {
    for (const path of ['/api/goals?period=last', `/api/people/${leiId()}?period=20251`]) {
      const res = await t.request('GET', path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    const res = await lei.json<{ error: { code: string } }>('GET', '/api/me/goals?period=');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});
