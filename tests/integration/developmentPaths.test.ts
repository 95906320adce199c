/**
 * Development paths (issue 16): a template validated with every problem listed; assigning it turns its milestones
 * into goals of kind "development" that the existing check-in ladder reminds in chat and escalates when overdue;
 * development check-ins earn their own configurable points; completion, cancelling, and the completion report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TEAM_CSV, TestApp } from '../support/harness';

const PATH = {
  name: '架构师培养计划',
  kind: 'course',
  durationWeeks: 4,
  milestones: [
    { title: { 'zh-CN': '完成系统设计课程', en: 'Finish the system-design course' }, offsetDays: 10, description: '8 讲' },
    { title: '发表技术文档', offsetDays: 24 },
  ],
};

describe('development paths', () => {
  let t: TestApp;
  const id = (email: string) => t.sql<{ id: number }>('select id from people where email = ?', email)[0].id;
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  beforeEach(async () => {
    // Monday 23 Nov 2026, 10:00 in Shanghai.
    t = await TestApp.start({ clock: new TestClock('2026-11-23T02:00:00Z') });
    await t.importPeople(TEAM_CSV);
  });
  afterEach(async () => t.destroy());

  it('validates a template, assigns it, reminds and escalates its milestones through the goal ladder, and pays development points', async () => {
    const bad = await t.request('POST', '/api/talent/paths', { name: '', kind: 'course', durationWeeks: 1, milestones: [{ title: 'a', offsetDays: 10 }, { title: 'b', offsetDays: 3 }] });
    expect(bad.status).toBe(400);
    const problems = (await json<{ error: { code: string; details: { field: string; code: string }[] } }>(bad)).error;
    expect(problems.code).toBe('invalid_path');
    expect(problems.details.map((d) => `${d.field}:${d.code}`)).toEqual(['name:too_small', 'milestones.0.offsetDays:beyond_duration', 'milestones.1.offsetDays:not_after_previous']);
    const order = await json<{ error: { details: { field: string; code: string }[] } }>(t.request('POST', '/api/talent/paths', { ...PATH, milestones: [{ title: 'a', offsetDays: 40 }, { title: 'b', offsetDays: 3 }] }));
    expect(order.error.details.map((d) => `${d.field}:${d.code}`)).toEqual(['milestones.0.offsetDays:beyond_duration', 'milestones.1.offsetDays:not_after_previous']);
    expect(t.sql('select count(*) as n from development_paths')).toEqual([{ n: 0 }]);

    const created = await t.request('POST', '/api/talent/paths', PATH);
    expect(created.status).toBe(201);
    const { path } = await json<{ path: { id: number; milestones: { title: { en: string } }[] } }>(created);
    expect(path.milestones[1].title).toEqual({ 'zh-CN': '发表技术文档', en: '发表技术文档' });
    expect((await t.request('POST', '/api/talent/paths', PATH)).status).toBe(409);

    // A performance goal beside it, to see which figures each kind counts in.
    await t.request('POST', '/api/goals', { level: 'individual', title: '季度交付', ownerEmail: 'li.lei@example.com', startValue: 0, targetValue: 10, periodStart: '2026-10-01', periodEnd: '2026-12-31' });

    const li = id('li.lei@example.com');
    expect((await t.request('POST', '/api/talent/assignments', { pathId: path.id, personId: li, startDate: '2026-11-01' })).status).toBe(400);
    const assigned = await t.request('POST', '/api/talent/assignments', { pathId: path.id, personId: li });
    expect(assigned.status).toBe(201);
    const a = await json<{ id: number; goalIds: number[]; endDate: string }>(assigned);
    expect(a.endDate).toBe('2026-12-21');
    expect((await t.request('POST', '/api/talent/assignments', { pathId: path.id, personId: li })).status).toBe(409);
    expect(t.sql(`select ref, kind, title, period_end as due from goals where kind = 'development' order by id`)).toEqual([
      { ref: `dev-${a.id}-1`, kind: 'development', title: '架构师培养计划 · 完成系统设计课程', due: '2026-12-03' },
      { ref: `dev-${a.id}-2`, kind: 'development', title: '架构师培养计划 · 发表技术文档', due: '2026-12-17' },
    ]);
    expect(t.sql(`select c.due_date as d from checkpoints c join goals g on g.id = c.goal_id where g.kind = 'development' order by c.due_date`).map((r) => r.d)).toEqual(['2026-12-03', '2026-12-07', '2026-12-17']);
    // The person is told, with every milestone and its date; HR's decision is audited.
    const told = (await t.botMessages('li.lei@example.com')).at(-1)!.text;
    expect(told).toContain('架构师培养计划（2026-11-23 – 2026-12-21）');
    expect(told).toContain('1. 完成系统设计课程 —— 2026-12-03 前');
    expect(told).toContain('2. 发表技术文档 —— 2026-12-17 前');
    expect(t.sql(`select action, entity_id as id from audit_log where action like 'development.%'`)).toEqual([
      { action: 'development.path.create', id: String(path.id) },
      { action: 'development.assign', id: String(a.id) },
    ]);

    // The goals page keeps the performance tree; My page shows both, each with its kind.
    const tree = await json<{ goals: { title: string }[] }>(t.request('GET', '/api/goals'));
    expect(tree.goals.map((g) => g.title)).toEqual(['季度交付']);
    const me = await t.signInAs('li.lei@example.com');
    const mine = (await me.json<{ goals: { title: string; kind: string }[] }>('GET', '/api/me/goals')).body.goals;
    expect(mine.map((g) => `${g.kind}:${g.title}`).sort()).toEqual(['development:架构师培养计划 · 发表技术文档', 'development:架构师培养计划 · 完成系统设计课程', 'performance:季度交付']);

    // Three working days before 3 Dec the owner is reminded in chat by the existing ladder.
    t.clock.set('2026-11-30T02:00:00Z');
    await t.tick();
    const before = (await t.botMessages('li.lei@example.com')).at(-1)!;
    expect(before.text).toContain('2026-12-03 有目标检查点');
    expect(before.text).toContain('架构师培养计划 · 完成系统设计课程');
    // On the due day, again; one working day after it, the manager's overdue digest lists it — once.
    t.clock.set('2026-12-03T02:00:00Z');
    await t.tick();
    expect((await t.botMessages('li.lei@example.com')).some((m) => m.text.includes('今天（2026-12-03）是目标检查日') && m.text.includes('完成系统设计课程'))).toBe(true);
    t.clock.set('2026-12-04T02:00:00Z');
    await t.tick();
    await t.tick();
    // (the performance goal's missed 26 Nov checkpoint had its own digest the day before)
    const digests = (await t.botMessages('wang.fang@example.com')).filter((m) => m.text.startsWith('团队中逾期未更新的目标') && m.text.includes('完成系统设计课程'));
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('李雷：架构师培养计划 · 完成系统设计课程，应于 2026-12-03 更新（已逾期 1 个工作日）');

    // Development check-ins earn their own amount, configurable, under their own ledger kind; a late one earns nothing.
    expect((await t.request('PATCH', '/api/settings', { points: { developmentCheckin: 7 } })).status).toBe(200);
    const late = await me.json<{ onTime: boolean; pointAwarded: number }>('POST', `/api/goals/${a.goalIds[0]}/check-ins`, { value: 100, status: 'done' });
    expect(late.body).toMatchObject({ onTime: false, pointAwarded: 0 });
    const onTime = await me.json<{ onTime: boolean; pointAwarded: number }>('POST', `/api/goals/${a.goalIds[1]}/check-ins`, { value: 40 });
    expect(onTime.body).toMatchObject({ onTime: true, pointAwarded: 7 });
    expect(t.sql(`select kind, amount, reason from points_ledger where person_id = ?`, li)).toEqual([{ kind: 'development', amount: 7, reason: `development check-in dev-${a.id}-2` }]);
    expect(t.sql(`select score from points_monthly where person_id = ?`, li)).toEqual([{ score: 7 }]);

    // The update rate counts performance check-ins only: the performance goal's missed 26 Nov (W48), not the
    // milestone's 3 Dec (W49).
    const rate = await json<{ weeks: { week: string; company: { due: number } }[] }>(t.request('GET', '/api/reports/update-rate?from=2026-11-23&to=2026-12-06'));
    expect(rate.weeks.map((w) => `${w.week}:${w.company.due}`)).toEqual(['2026-W48:1']);

    // Half the milestones done; finishing the second completes the path.
    let view = (await json<{ assignments: { status: string; completion: number; overdueMilestones: number }[] }>(t.request('GET', `/api/talent/assignments?personId=${li}`))).assignments[0];
    expect(view).toMatchObject({ status: 'active', completion: 0.5, overdueMilestones: 0 });
    await me.json('POST', `/api/goals/${a.goalIds[1]}/check-ins`, { value: 100, status: 'done' });
    view = (await json<{ assignments: { status: string; completion: number; overdueMilestones: number }[] }>(t.request('GET', `/api/talent/assignments?personId=${li}`))).assignments[0];
    expect(view).toMatchObject({ status: 'completed', completion: 1 });
    expect(t.sql(`select actor from audit_log where action = 'development.complete'`)).toEqual([{ actor: 'system' }]);
  });

  it('cancelling closes the milestone goals (no more reminders), and the report hides departments under 5 people', async () => {
    const { path } = await json<{ path: { id: number } }>(t.request('POST', '/api/talent/paths', PATH));
    const sales = Array.from({ length: 5 }, (_, i) => `S${i},销售${i},s${i}@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,employee`);
    await t.importPeople([PEOPLE_HEADER, ...sales].join('\n'));
    const han = id('han.meimei@example.com');
    const a = await json<{ id: number }>(t.request('POST', '/api/talent/assignments', { pathId: path.id, personId: han }));
    for (let i = 0; i < 5; i++) expect((await t.request('POST', '/api/talent/assignments', { pathId: path.id, personId: id(`s${i}@example.com`) })).status).toBe(201);

    expect((await t.request('POST', `/api/talent/assignments/${a.id}/cancel`, {})).status).toBe(400);
    const cancelled = await json<{ status: string; closedCheckpoints: number }>(t.request('POST', `/api/talent/assignments/${a.id}/cancel`, { reason: '调岗' }));
    expect(cancelled).toEqual({ id: a.id, status: 'cancelled', closedCheckpoints: 3 });
    expect((await t.request('POST', `/api/talent/assignments/${a.id}/cancel`, { reason: '再次' })).status).toBe(409);
    expect(t.sql(`select reason from audit_log where action = 'development.cancel'`)).toEqual([{ reason: '调岗' }]);
    t.clock.set('2026-12-04T02:00:00Z');
    await t.tick();
    await t.tick();
    expect((await t.botMessages('han.meimei@example.com')).filter((m) => m.text.includes('架构师培养计划 · '))).toHaveLength(0);
    expect((await t.botMessages('wang.fang@example.com')).filter((m) => m.text.includes('韩梅梅'))).toHaveLength(0);
    expect((await t.botMessages('s0@example.com')).some((m) => m.text.includes('完成系统设计课程'))).toBe(true);
    // Current goals: a cancelled path's milestones leave the person's page; an overdue one still asked stays.
    const goalsOf = async (personId: number) => (await json<{ goals: { kind: string; periodEnd: string }[] }>(t.request('GET', `/api/people/${personId}`))).goals.filter((g) => g.kind === 'development');
    expect(await goalsOf(han)).toEqual([]);
    expect((await goalsOf(id('s0@example.com'))).some((g) => g.periodEnd < '2026-12-04')).toBe(true);

    const report = await json<{ paths: Record<string, unknown>[]; departments: Record<string, unknown>[]; hiddenGroups: number; minGroup: number }>(t.request('GET', '/api/talent/reports/paths'));
    expect(report.paths).toEqual([{ pathId: path.id, name: '架构师培养计划', kind: 'course', assigned: 6, active: 5, completed: 0, cancelled: 1, overdueMilestones: 5, completion: 0 }]);
    expect(report.departments).toEqual([{ department: '销售部', people: 5, assigned: 5, active: 5, completed: 0, cancelled: 0, overdueMilestones: 5, completion: 0 }]);
    expect(report.hiddenGroups).toBe(1);
    const csv = await t.request('GET', '/api/talent/reports/paths?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\n')[1]).toContain('架构师培养计划,course,6,5,0,1,5,0');
    const xlsx = await t.request('GET', '/api/talent/reports/paths?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
