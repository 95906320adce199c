import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp, type Client } from '../support/harness';
import type { TemplateBody } from '../../bot/domain/reviewTemplate';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

/**
 * Issue 10: a monthly review drafted from three weeks of real standup answers and goal check-ins, metrics with their
 * source, the source case's two rules (collection rate < 80% → at most B; more than two major incidents → flagged),
 * the manager's override path, self-review in chat, managers first, and opening twice doubling nothing.
 */
const CSV = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,销售部/华东,wang.fang@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E3,韩梅梅,han.meimei@example.com,销售部/华东,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E4,Kevin Li,kevin.li@example.com,销售部/华东,wang.fang@example.com,rnd,Asia/Shanghai,en,,,employee',
  'E5,赵敏,zhao.min@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee',
].join('\n');
const GOALS = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'S-1,,individual,Q4 签约 12 家客户,li.lei@example.com,销售部/华东,家,0,12,1,2026-10-01,2026-12-31,14',
].join('\n');

const SALES: TemplateBody = {
  name: '销售月度评估',
  jobFunction: 'sales',
  sections: [
    { title: { 'zh-CN': '业绩', en: 'Results' }, weight: 60, items: [{ kind: 'metric', metric: 'collection_rate', target: 1, weight: 60 }, { kind: 'goals', weight: 40 }] },
    { title: { 'zh-CN': '能力', en: 'Skills' }, weight: 40, items: [{ kind: 'rating', label: { 'zh-CN': '客户沟通', en: 'Customer communication' }, weight: 100 }, { kind: 'text', label: '亮点' }] },
  ],
  rules: [{ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: { 'zh-CN': '回款完成率低于 80%', en: 'collection rate below 80%' } }],
};
const RND: TemplateBody = {
  name: '研发月度评估',
  jobFunction: 'rnd',
  sections: [{ title: '交付', weight: 100, items: [{ kind: 'goals', weight: 50 }, { kind: 'rating', label: '代码质量', weight: 50, potential: true }] }],
  rules: [{ when: 'major_incidents > 2', effect: 'flag', flag: 'needs-improvement', reason: { 'zh-CN': '重大事故超过 2 次', en: 'more than two major incidents' } }],
};

describe('monthly reviews', () => {
  const clock = new TestClock('2026-11-06T08:05:00Z');
  let t: TestApp;
  let manager: Client;
  let cycleId: number;
  const reviewOf = (email: string) => t.sql<{ id: number }>(`select r.id from reviews r join people p on p.id = r.person_id where p.email = ?`, email)[0].id;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    expect((await t.importPeople(CSV)).status).toBe(200);
    expect((await t.request('POST', '/api/goals/import', GOALS, 'text/csv')).status).toBe(200);
    const at = clock.now().toISOString();
    t.sql(`insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values
      ('collection_rate', '回款完成率', 'collection rate', '', 'higher', 'ratio', '${at}', '${at}'),
      ('major_incidents', '重大事故', 'major incidents', '', 'lower', 'sum', '${at}', '${at}')`);
    t.sql(`insert into metric_values (person_id, metric_key, period, value, source, source_ref, created_at, updated_at)
      select id, 'collection_rate', '2026-11', 0.72, 'crm', 'report-2026-11', '${at}', '${at}' from people where email = 'li.lei@example.com'`);
    // R&D incidents arrive per ISO week: three in November in all
    for (const [week, n] of [['2026-W45', 1], ['2026-W47', 2]] as const) {
      t.sql(`insert into metric_values (person_id, metric_key, period, value, source, created_at, updated_at)
        select id, 'major_incidents', '${week}', ${n}, 'jira', '${at}', '${at}' from people where email = 'han.meimei@example.com'`);
    }
    insertTemplates(t, SALES, RND, DEFAULT_TEMPLATE);
    const li = await t.signInAs('li.lei@example.com');
    const goalId = t.sql<{ id: number }>(`select id from goals where ref = 'S-1'`)[0].id;
    // Three Fridays of standups answered in chat, and two check-ins on the goal.
    for (const [i, friday] of ['2026-11-06', '2026-11-13', '2026-11-20'].entries()) {
      clock.set(`${friday}T08:05:00Z`);
      await t.runJob('standup-prompt');
      for (const email of ['li.lei@example.com', 'han.meimei@example.com']) {
        await t.say(email, `第${i + 1}周：拜访客户 ${i + 3} 家`);
        await t.say(email, i === 1 ? '合同审批慢' : '无');
        await t.say(email, `下周跟进 ${i + 2} 家`);
      }
      if (i !== 1) expect((await li.request('POST', `/api/goals/${goalId}/check-ins`, { value: 4 + i * 3 })).status).toBe(201);
    }
    clock.set('2026-11-30T01:05:00Z'); // Monday 09:05 in Shanghai: November's last working day
    manager = await t.signInAs('wang.fang@example.com');
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('opens one review per person with their function’s template, and opening twice doubles nothing', async () => {
    const created = await t.request('POST', '/api/review-cycles', { name: '2026-11 月度评估', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30', departments: ['销售部'] });
    expect(created.status).toBe(201);
    cycleId = ((await created.json()) as { id: number }).id;
    const first = await t.request('POST', `/api/review-cycles/${cycleId}/open`);
    expect(first.status).toBe(200); // drafted before the answer: 200 (202 while drafting goes on)
    expect(await first.json()).toEqual({ reviews: 4, drafting: null }); // 销售部 and below: not 赵敏 of 研发中心
    expect(await (await t.request('POST', `/api/review-cycles/${cycleId}/open`)).json()).toEqual({ reviews: 4, drafting: null });
    expect(t.sql(`select drafted, drafting_done_at is not null as done from review_cycles where id = ?`, cycleId)).toEqual([{ drafted: 4, done: 1 }]);
    expect(t.sql(`select count(*) as n from reviews`)).toEqual([{ n: 4 }]);
    // HR counts everyone; the manager counts her three reports; someone without reports sees no cycle
    expect(((await (await t.request('GET', '/api/review-cycles')).json()) as { cycles: unknown[] }).cycles).toEqual([expect.objectContaining({ reviews: 4, submitted: 0 })]);
    expect((await manager.json<{ cycles: { reviews: number }[] }>('GET', '/api/review-cycles')).body.cycles).toEqual([expect.objectContaining({ reviews: 3 })]);
    expect((await (await t.signInAs('zhao.min@example.com')).json<{ cycles: unknown[] }>('GET', '/api/review-cycles')).body.cycles).toEqual([]);
    const versions = t.sql<{ email: string; fn: string }>(
      `select p.email, t.job_function as fn from reviews r join people p on p.id = r.person_id join review_template_versions v on v.id = r.template_version_id join review_templates t on t.id = v.template_id order by p.email`,
    );
    expect(versions.map((v) => `${v.email}:${v.fn}`)).toEqual(['han.meimei@example.com:rnd', 'kevin.li@example.com:rnd', 'li.lei@example.com:sales', 'wang.fang@example.com:sales']);
  });

  it('drafts from three weeks of standups, goal check-ins and metrics, and caps the sales person at B with the reason in both languages', async () => {
    const { status, body } = await manager.json<Record<string, unknown>>('GET', `/api/reviews/${reviewOf('li.lei@example.com')}`);
    expect(status).toBe(200);
    const draft = body as { standups: { week: string; answers: { question: string; answer: string }[] }[]; goals: { title: string; checkIns: { onTime: boolean }[] }[]; metrics: { metric: string; display: string; source: string; sourceRef: string }[]; suggestedGrade: string; cap: string; rulesApplied: { effect: string; explanation: { 'zh-CN': string; en: string } }[]; canGrade: boolean };
    expect(draft.standups.map((w) => w.week)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
    expect(draft.standups[1].answers[1]).toMatchObject({ question: '遇到哪些障碍？', answer: '合同审批慢' });
    expect(draft.goals).toHaveLength(1);
    expect(draft.goals[0].checkIns.map((c) => c.onTime)).toEqual([true, true]);
    expect(draft.metrics).toEqual([expect.objectContaining({ metric: 'collection_rate', display: '72%', source: 'crm', sourceRef: 'report-2026-11' })]);
    expect(draft.cap).toBe('B');
    expect(['B', 'C', 'D']).toContain(draft.suggestedGrade);
    expect(draft.rulesApplied).toEqual([
      expect.objectContaining({ effect: 'cap', explanation: { 'zh-CN': '回款完成率 72% < 80%：最高 B（回款完成率低于 80%）', en: 'collection rate 72% < 80%: at most B (collection rate below 80%)' } }),
    ]);
    expect(draft.canGrade).toBe(true);
  });

  it('flags the R&D person with three major incidents (summed from the weeks) until HR clears it with a reason', async () => {
    const list = await manager.json<{ email: string; flags: string[] }[]>('GET', `/api/review-cycles/${cycleId}/reviews`);
    expect(list.body.find((r) => r.email === 'han.meimei@example.com')!.flags).toEqual(['needs-improvement']);
    expect(list.body.find((r) => r.email === 'kevin.li@example.com')!.flags).toEqual([]);
    const id = reviewOf('han.meimei@example.com');
    expect((await manager.request('POST', `/api/reviews/${id}/flags/needs-improvement/clear`, { reason: 'x' })).status).toBe(403);
    const hr = await t.request('POST', `/api/reviews/${id}/flags/needs-improvement/clear`, { reason: '事故已复盘，非个人责任' });
    expect(hr.status).toBe(200);
    expect(((await hr.json()) as { flags: { clearReason: string }[] }).flags[0].clearReason).toBe('事故已复盘，非个人责任');
  });

  it('refuses a grade above the cap without an override reason, storing nothing; with one it is flagged for calibration', async () => {
    const id = reviewOf('li.lei@example.com');
    const refused = await manager.request('POST', `/api/reviews/${id}/manager`, { grade: 'A', feedback: '客户拓展积极', ratings: { s1i0: 'A' } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: 'above-cap' } });
    expect(t.sql(`select status, grade, ratings from reviews where id = ?`, id)).toEqual([{ status: 'self_review', grade: null, ratings: null }]);
    // the person cannot grade themselves, and another team cannot either
    const li = await t.signInAs('li.lei@example.com');
    expect((await li.request('POST', `/api/reviews/${id}/manager`, { grade: 'B', feedback: 'x' })).status).toBe(403);
    const other = await t.signInAs('zhao.min@example.com');
    expect((await other.request('GET', `/api/reviews/${id}`)).status).toBe(403);

    const ok = await manager.json<{ grade: string; needsCalibration: boolean; overrideReason: string; status: string }>('POST', `/api/reviews/${id}/manager`, { grade: 'A', feedback: '客户拓展积极', ratings: { s1i0: 'A' }, overrideReason: '回款延迟为客户财务流程所致，已在 12 月初到账' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'submitted', grade: 'A', needsCalibration: true });
    expect(t.sql(`select action from audit_log where entity = 'review' order by id desc limit 1`)).toEqual([{ action: 'review.grade_override' }]);
    const file = await li.json<{ entries: { kind: string; detail: string }[] }>('GET', `/api/people/${t.sql<{ id: number }>(`select id from people where email = 'li.lei@example.com'`)[0].id}/file`);
    // the file shows a review once HR has released the cycle, not before (calibration may still change it)
    expect(file.body.entries.filter((e) => e.kind === 'review' || e.kind === 'feedback')).toEqual([]);
    t.sql(`update review_cycles set status = 'released'`);
    const after = await li.json<{ entries: { kind: string; detail: string }[] }>('GET', `/api/people/${t.sql<{ id: number }>(`select id from people where email = 'li.lei@example.com'`)[0].id}/file`);
    expect(after.body.entries.filter((e) => e.kind === 'review' || e.kind === 'feedback').map((e) => e.detail)).toEqual(['A', '客户拓展积极']);
    t.sql(`update review_cycles set status = 'open'`);
  });

  it('asks managers for their self-review first, in chat, and the reports after the lead days; answers go in one by one', async () => {
    expect(await t.runJob('review-open')).toMatchObject({ prompted: 1 }); // only 王芳 leads; her reports open in 3 working days
    const prompt = (await t.botMessages('wang.fang@example.com')).at(-1)!.text;
    expect(prompt).toContain('先于团队开启');
    expect(prompt).toContain('问题 1/3');
    await t.say('wang.fang@example.com', '完成华东区重点客户签约');
    await t.say('wang.fang@example.com', '回款进度慢于计划');
    await t.say('wang.fang@example.com', '需要财务支持');
    expect((await t.botMessages('wang.fang@example.com')).at(-1)!.text).toContain('谢谢');
    expect(t.sql(`select status, self_answers from reviews r join people p on p.id = r.person_id where p.email = 'wang.fang@example.com'`)).toEqual([
      { status: 'manager_review', self_answers: JSON.stringify(['完成华东区重点客户签约', '回款进度慢于计划', '需要财务支持']) },
    ]);

    clock.set('2026-12-03T01:05:00Z'); // three working days later, 09:05
    await t.tick(); // the scheduler's pass: not a last working day, so no new cycle; the reports' self-reviews open
    await t.tick();
    // han and kevin, once each (li's review is submitted already)
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'review-self:%'`)).toEqual([{ n: 3 }]);
    expect(t.sql(`select count(*) as n from review_cycles`)).toEqual([{ n: 1 }]);
    expect((await t.botMessages('kevin.li@example.com')).at(-1)!.text).toContain('Question 1/3');
  });

  it('reminds once after the working days set, then tells the manager once by the escalation ladder', async () => {
    const count = (kind: string) => t.sql<{ n: number }>(`select count(*) as n from deliveries where dedupe_key like ?`, `${kind}:%`)[0].n;
    clock.set('2026-12-04T02:00:00Z'); // Friday: one working day after they were asked
    await t.tick();
    expect(count('review-self-reminder')).toBe(0);
    clock.set('2026-12-07T01:05:00Z'); // Monday 09:05: two working days
    await t.tick();
    await t.tick();
    expect(count('review-self-reminder')).toBe(2);
    expect((await t.botMessages('han.meimei@example.com')).at(-1)!.text).toContain('自评还未完成');
    expect(count('review-self-overdue')).toBe(0);
    clock.set('2026-12-08T02:00:00Z'); // the ladder's default: the manager after one more working day, in working hours
    await t.tick();
    await t.tick();
    expect(count('review-self-overdue')).toBe(2);
    const told = (await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('尚未完成'));
    expect(told.map((m) => m.text.split(' ')[0]).sort()).toEqual(['Kevin', '韩梅梅']);
  });
});
