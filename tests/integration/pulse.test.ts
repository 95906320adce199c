import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { releasedCycle } from '../support/releasedCycle';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

/**
 * Issue 11 (fairness and clarity pulse): asked in chat after a release when the cycle has it on, two questions,
 * stored without the person; the report shows the two figures the source case tracks, per cycle, and hides any
 * department under 5 answers — and the next smallest when the hidden ones could be worked out from the total.
 */
const SALES = [1, 2, 3, 4, 5, 6].map((i) => `s${i}@example.com`);
const RND = [1, 2, 3].map((i) => `r${i}@example.com`);
const CSV = [
  PEOPLE_HEADER,
  'M1,王宽,wang.kuan@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'M2,严格,yan.ge@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  ...SALES.map((e, i) => `S${i},销售${i},${e},销售部,wang.kuan@example.com,sales,Asia/Shanghai,zh-CN,,,employee`),
  ...RND.map((e, i) => `R${i},研发${i},${e},研发中心,yan.ge@example.com,rnd,Asia/Shanghai,zh-CN,,,employee`),
].join('\n');

type Report = { minGroup: number; cycles: { name: string; asked: number; overall: { responses: number; acceptance: number; clarity: number; clarityAgree: number } | null; departments: { department: string; responses: number }[]; hiddenGroups: number }[]; change: { from: number; to: number } | null };

describe('fairness and clarity pulse', () => {
  let t: TestApp;
  const lastBot = async (email: string) => (await t.botMessages(email)).at(-1)!.text;
  const answer = async (email: string, acceptance: number, clarity: number) => {
    await t.say(email, String(acceptance));
    await t.say(email, String(clarity));
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-10-01T02:00:00Z') });
    expect((await t.importPeople(CSV)).status).toBe(200);
    insertTemplates(t, DEFAULT_TEMPLATE);
  });
  afterAll(async () => t.destroy());

  it('asks both questions after the release, checks the answers, and stores them without the person', async () => {
    await releasedCycle(t, { name: '2026-09', periodStart: '2026-09-01', periodEnd: '2026-09-30', pulse: true });
    expect(await lastBot('s1@example.com')).toContain('我认可本次绩效结果（2026-09）');
    await t.say('s1@example.com', '十');
    expect(await lastBot('s1@example.com')).toContain('0 到 10');
    await t.say('s1@example.com', '6');
    expect(await lastBot('s1@example.com')).toContain('我对自己的工作目标清晰');
    await t.say('s1@example.com', '7');
    expect(await lastBot('s1@example.com')).toContain('1 到 5');
    await t.say('s1@example.com', '3');
    expect(await lastBot('s1@example.com')).toContain('匿名');
    // the answer row has no person and no time; the request only knows it was answered
    expect(t.sql(`select name from pragma_table_info('pulse_answers') order by cid`).map((r) => (r as { name: string }).name)).toEqual(['id', 'cycle_id', 'department_id', 'acceptance', 'clarity']);
    expect(t.sql(`select acceptance, clarity from pulse_answers`)).toEqual([{ acceptance: 6, clarity: 3 }]);
    // "取消" leaves it for later; "调研" comes back to it
    await t.say('s2@example.com', '取消');
    expect(await lastBot('s2@example.com')).toContain('调研');
    await t.say('s2@example.com', '调研');
    expect(await lastBot('s2@example.com')).toContain('我认可本次绩效结果');
    await answer('s2@example.com', 6, 3);
    for (const e of SALES.slice(2)) await answer(e, 6, 4);
    for (const e of RND) await answer(e, 8, 4);
    await answer('yan.ge@example.com', 8, 5);
    // releasing again asks nobody again
    const cycle = t.sql<{ id: number }>(`select id from review_cycles where name = '2026-09'`)[0].id;
    await t.request('POST', `/api/review-cycles/${cycle}/release`);
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'pulse-ask:%'`)).toEqual([{ n: 11 }]);
  });

  it('hides a department under 5 answers, and the next smallest when the hidden ones would show through the total', async () => {
    const first = ((await (await t.request('GET', '/api/pulse/report')).json()) as Report).cycles[0];
    // 销售部 6 answers, 研发中心 4: 研发中心 is hidden, and so is 销售部 (total − 销售部 would be 研发中心's figure)
    expect(first).toMatchObject({ name: '2026-09', asked: 11, departments: [], hiddenGroups: 2 });
    expect(first.overall).toEqual({ responses: 10, acceptance: 6.8, clarity: 3.9, clarityAgree: 0.8 });

    t.clock.set('2026-11-02T02:00:00Z');
    await releasedCycle(t, { name: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31', pulse: true });
    for (const [i, e] of SALES.entries()) await answer(e, i % 2 ? 9 : 8, 5);
    await answer('wang.kuan@example.com', 9, 5);
    await answer('r1@example.com', 7, 4);
    await answer('r2@example.com', 7, 4);
    await answer('r3@example.com', 7, 4);
    await answer('yan.ge@example.com', 9, 4);
    await answer('s1@example.com', 1, 1); // answered already: nothing more is stored
    const report = (await (await t.request('GET', '/api/pulse/report')).json()) as Report;
    // 销售部 7 answers shown; 研发中心 4 hidden, and the total minus 销售部 is 4 too… so 销售部 is hidden as well
    expect(report.cycles[1]).toMatchObject({ departments: [], hiddenGroups: 2 });
    expect(report.cycles[1].overall!.responses).toBe(11);
    expect(report.change).toEqual({ from: 6.8, to: 8.2 });
  });

  it('shows a department once the hidden ones together reach 5, and nothing for a cycle under 5 answers', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    await releasedCycle(t, { name: '2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30', pulse: true });
    for (const e of [...SALES, 'wang.kuan@example.com']) await answer(e, 9, 5);
    for (const e of [...RND, 'yan.ge@example.com']) await answer(e, 8, 4);
    t.sql(`insert into departments (name, path, parent_id) values ('客服部', '客服部', null)`);
    // one more answer from a third department: hidden alone (1), with 研发中心 (4) the hidden ones reach 5
    t.sql(`insert into pulse_answers (cycle_id, department_id, acceptance, clarity) select id, (select id from departments where path = '客服部'), 10, 5 from review_cycles where name = '2026-11'`);
    const third = ((await (await t.request('GET', '/api/pulse/report')).json()) as Report).cycles[2];
    expect(third.departments.map((d) => [d.department, d.responses])).toEqual([['销售部', 7]]);
    expect(third.hiddenGroups).toBe(2);

    t.clock.set('2027-01-04T02:00:00Z');
    await releasedCycle(t, { name: '2026-12', periodStart: '2026-12-01', periodEnd: '2026-12-31', pulse: true });
    for (const e of SALES.slice(0, 4)) await answer(e, 5, 2);
    const small = ((await (await t.request('GET', '/api/pulse/report')).json()) as Report).cycles[3];
    expect(small).toMatchObject({ overall: null, departments: [], hiddenGroups: 1 });
  });

  it('is HR’s: a manager and an employee are refused the report', async () => {
    for (const email of ['wang.kuan@example.com', 's1@example.com']) {
      const c = await t.signInAs(email);
      expect((await c.request('GET', '/api/pulse/report')).status).toBe(403);
    }
  });
});
