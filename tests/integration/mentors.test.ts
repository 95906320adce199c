/**
 * Mentor matching (issue 16) from real released reviews (rating questions tagged with skills → the talent profile):
 * proposals scored and explained, a full mentor and the mentee's own reporting line excluded with their reasons,
 * HR's confirmation introducing both in local chat exactly once, the monthly check-in asked once per month with
 * the answer kept for HR, the mentor-load report, and ending with a reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateBody } from '../../bot/domain/reviewTemplate';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { insertTemplates } from '../support/reviewTemplates';

const ORG = [
  PEOPLE_HEADER,
  'M1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/基础架构组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,小张,xiao.zhang@example.com,研发中心/基础架构组,li.lei@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'P1,陈架构,chen.jg@example.com,产品部,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'S1,赵满,zhao.man@example.com,销售部,,rnd,Asia/Shanghai,zh-CN,,,manager',
].join('\n');

const TEMPLATE: TemplateBody = {
  name: '研发评估',
  jobFunction: 'default',
  sections: [{
    title: { 'zh-CN': '能力', en: 'Skills' },
    weight: 100,
    items: [
      { kind: 'rating', label: '系统设计', weight: 50, skill: '系统设计' },
      { kind: 'rating', label: '技术文档', weight: 50, skill: '技术文档' },
    ],
  }],
  rules: [],
};
/** 系统设计, 技术文档 per person; hire dates for seniority. */
const RATED: Record<string, [string, string, string]> = {
  'li.lei@example.com': ['B', 'B', '2022-03-01'],
  'wang.fang@example.com': ['S', 'S', '2010-01-01'],
  'xiao.zhang@example.com': ['A', 'A', '2024-01-01'],
  'han.meimei@example.com': ['C', 'C', '2023-01-01'],
  'chen.jg@example.com': ['S', 'A', '2012-06-01'],
  'zhao.man@example.com': ['A', 'S', '2015-01-01'],
};

interface Proposal { personId: number; name: string; score: number; reasons: { code: string; params: Record<string, unknown> }[]; excluded: { code: string; params: Record<string, unknown> }[] }

describe('mentors', () => {
  let t: TestApp;
  const id = (email: string) => t.sql<{ id: number }>('select id from people where email = ?', email)[0].id;
  const body = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  beforeEach(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-20T02:00:00Z') }); // a Friday, 10:00 in Shanghai
    await t.importPeople(ORG);
    insertTemplates(t, TEMPLATE);
    const cycle = await body<{ id: number }>(t.request('POST', '/api/review-cycles', { name: '2026年10月', kind: 'monthly', periodStart: '2026-10-01', periodEnd: '2026-10-31' }));
    expect((await t.request('POST', `/api/review-cycles/${cycle.id}/open`)).status).toBe(200);
    for (const [email, [design, writing, hired]] of Object.entries(RATED)) {
      t.sql(`update reviews set status = 'submitted', grade = 'B', feedback = '稳定', ratings = ? where cycle_id = ? and person_id = (select id from people where email = ?)`, JSON.stringify({ s0i0: design, s0i1: writing }), cycle.id, email);
      t.sql('update people set hired_on = ? where email = ?', hired, email);
    }
    expect((await t.request('POST', `/api/review-cycles/${cycle.id}/release`)).status).toBe(200);
  });
  afterEach(async () => t.destroy());

  it('proposes by skills and seniority, never a full mentor or the reporting line, and introduces the pair once', async () => {
    // capacity is a company setting: one mentee each here, and 赵满 has one already
    expect((await t.request('PATCH', '/api/settings', { mentoring: { capacity: 1 } })).status).toBe(200);
    expect((await t.request('POST', '/api/talent/mentorships', { menteeId: id('han.meimei@example.com'), mentorId: id('zhao.man@example.com'), goals: '客户沟通' })).status).toBe(201);

    const li = id('li.lei@example.com');
    const p = await body<{ proposals: Proposal[]; excluded: Proposal[]; settings: { capacity: number; separateLine: boolean } }>(t.request('GET', `/api/talent/mentors/proposals?personId=${li}`));
    expect(p.settings).toEqual({ capacity: 1, separateLine: true });
    expect(p.proposals.map((x) => x.name)).toEqual(['陈架构']);
    // 系统设计 S(5) + 2 ahead of B, 技术文档 A(4) + 1 ahead, 9.7 years more → +4.9
    expect(p.proposals[0].reasons).toEqual([
      { code: 'shared_skill', params: { skill: '技术文档', mentor: 4, mentee: 3 } },
      { code: 'shared_skill', params: { skill: '系统设计', mentor: 5, mentee: 3 } },
      { code: 'seniority', params: { years: 9.7 } },
    ]);
    expect(p.proposals[0].score).toBe(16.9);
    expect(Object.fromEntries(p.excluded.map((x) => [x.name, x.excluded]))).toEqual({
      王芳: [{ code: 'manager_chain', params: {} }],
      赵满: [{ code: 'at_capacity', params: { mentees: 1, capacity: 1 } }],
      小张: [{ code: 'reports_to_mentee', params: {} }],
    });

    // An excluded mentor cannot be confirmed: the reason comes back, nothing stored or sent.
    const refused = await t.request('POST', '/api/talent/mentorships', { menteeId: li, mentorId: id('zhao.man@example.com'), goals: '系统设计' });
    expect(refused.status).toBe(409);
    expect((await body<{ error: { code: string; details: unknown } }>(refused)).error).toMatchObject({ code: 'mentor_excluded', details: [{ code: 'at_capacity' }] });
    expect((await t.request('POST', '/api/talent/mentorships', { menteeId: li, mentorId: id('chen.jg@example.com'), goals: '' })).status).toBe(400);

    const goals = '半年内独立完成一次架构评审；每月一次一对一';
    const confirm = () => t.request('POST', '/api/talent/mentorships', { menteeId: li, mentorId: id('chen.jg@example.com'), goals });
    const first = await confirm();
    expect(first.status).toBe(201);
    const { id: mentorshipId } = await body<{ id: number; created: boolean }>(first);
    const again = await confirm();
    expect(again.status).toBe(200);
    expect(await body(again)).toEqual({ id: mentorshipId, created: false });
    const intro = (email: string) => t.botMessages(email).then((ms) => ms.filter((m) => m.text.includes(goals)));
    const toMentee = await intro('li.lei@example.com');
    const toMentor = await intro('chen.jg@example.com');
    expect(toMentee).toHaveLength(1);
    expect(toMentor).toHaveLength(1);
    expect(toMentee[0].text).toContain('认识一下你的导师：陈架构（产品部，chen.jg@example.com）');
    expect(toMentor[0].text).toContain('感谢你担任 李雷（研发中心/基础架构组，li.lei@example.com）的导师');
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'mentorship-intro:${mentorshipId}:%'`)).toEqual([{ n: 2 }]);
    expect(t.sql(`select actor, entity_id as id from audit_log where action = 'mentorship.confirm' order by id`).map((r) => r.id)).toEqual([expect.any(String), String(mentorshipId)]);
    // Another mentor for a mentee who has one → 409.
    expect((await t.request('POST', '/api/talent/mentorships', { menteeId: li, mentorId: id('wang.fang@example.com'), goals })).status).toBe(409);

    const load = await body<{ mentors: { name: string; mentees: number; capacity: number; load: number }[] }>(t.request('GET', '/api/talent/reports/mentors'));
    expect(load.mentors.map((m) => `${m.name}:${m.mentees}/${m.capacity}`).sort()).toEqual(['赵满:1/1', '陈架构:1/1']);
  });

  it('asks the monthly mentoring check-in once a month, keeps the answer for HR, and stops when the mentorship ends', async () => {
    const li = id('li.lei@example.com');
    const confirmed = await body<{ id: number }>(t.request('POST', '/api/talent/mentorships', { menteeId: li, mentorId: id('chen.jg@example.com'), goals: '架构评审' }));
    const asked = async (email: string) => (await t.botMessages(email)).filter((m) => m.text.startsWith('本月导师制回顾'));

    await t.tick(); // confirmed this month: the first check-in is next month's
    expect(await asked('li.lei@example.com')).toHaveLength(0);
    // The admin's dry run says whom a run now would ask (both), and asks nobody.
    expect(await (await t.request('POST', '/api/jobs/mentoring-checkin/run?dryRun=1')).json()).toEqual({ job: 'mentoring-checkin', wouldMessage: 2, channels: 0 });
    expect(t.sql('select count(*) as n from mentoring_checkins')).toEqual([{ n: 0 }]);
    t.clock.set('2026-12-01T01:00:00Z'); // Tuesday 09:00: before the time of day
    await t.tick();
    expect(await asked('li.lei@example.com')).toHaveLength(0);
    t.clock.set('2026-12-01T02:30:00Z');
    await t.tick();
    await t.tick();
    expect(await asked('li.lei@example.com')).toHaveLength(1);
    expect(await asked('chen.jg@example.com')).toHaveLength(1);
    expect((await asked('li.lei@example.com'))[0].text).toContain('你和导师 陈架构 的交流进展如何');

    await t.say('li.lei@example.com', '本月讨论了缓存一致性的方案，收获很大');
    expect((await t.botMessages('li.lei@example.com')).at(-1)!.text).toBe('谢谢，你的回复已交给 HR。');
    t.clock.set('2026-12-15T02:30:00Z');
    await t.tick();
    expect(await asked('li.lei@example.com')).toHaveLength(1);
    const hr = await body<{ mentorships: { id: number; checkins: { month: string; personId: number; answer: string | null }[] }[] }>(t.request('GET', '/api/talent/mentorships'));
    expect(hr.mentorships[0].checkins).toEqual([
      expect.objectContaining({ month: '2026-12', personId: li, answer: '本月讨论了缓存一致性的方案，收获很大' }),
      expect.objectContaining({ month: '2026-12', personId: id('chen.jg@example.com'), answer: null }),
    ]);
    // The mentor answers later by the command word.
    await t.say('chen.jg@example.com', '导师');
    await t.say('chen.jg@example.com', '已约定每两周一次');
    expect(t.sql(`select answer from mentoring_checkins where person_id = ?`, id('chen.jg@example.com'))).toEqual([{ answer: '已约定每两周一次' }]);

    t.clock.set('2027-01-04T02:30:00Z'); // the first working day of January
    await t.tick();
    expect(await asked('li.lei@example.com')).toHaveLength(2);

    expect((await t.request('POST', `/api/talent/mentorships/${confirmed.id}/end`, {})).status).toBe(400);
    expect((await t.request('POST', `/api/talent/mentorships/${confirmed.id}/end`, { reason: '目标达成' })).status).toBe(200);
    expect((await t.request('POST', `/api/talent/mentorships/${confirmed.id}/end`, { reason: '目标达成' })).status).toBe(409);
    expect(t.sql(`select reason from audit_log where action = 'mentorship.end'`)).toEqual([{ reason: '目标达成' }]);
    t.clock.set('2027-02-01T02:30:00Z');
    await t.tick();
    expect(await asked('li.lei@example.com')).toHaveLength(2);
  });
});
