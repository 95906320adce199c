import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarWarnings } from '../../bot/domain/calendarWarnings';
import { PEOPLE_HEADER, TestApp } from '../support/harness';

describe('GET /api/system/status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(); // 20 Nov 2026: next year's national holidays are not published
    await t.importPeople([PEOPLE_HEADER, 'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr', 'E1,李雷,li.lei@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee'].join('\n'));
  });
  afterAll(async () => t.destroy());

  it('gives the operational warnings to the admin only', async () => {
    const expected = calendarWarnings(t.clock.now());
    expect(expected.length).toBeGreaterThan(0);
    expect(await (await t.request('GET', '/api/system/status')).json()).toEqual({ warnings: expected });
    for (const email of ['zhao.hr@example.com', 'li.lei@example.com']) {
      const client = await t.signInAs(email);
      expect((await client.json('GET', '/api/system/status')).body, email).toEqual({ warnings: [] });
    }
  });
});
