/**
 * Development paths and mentors for the demo company (issue 16): everyone's hire date (mentor matching's seniority:
 * people with reports have been here longer), three path templates HR keeps (架构师培养计划 among them), a management
 * rotation running for five people of 销售部, and two mentorships confirmed last month with last month's check-in.
 * Deterministic: hire dates from demoRandom keyed by e-mail, every date relative to "now", people chosen by id.
 * The architect example (吴蕾鹏) is given no path or mentor here: the console's walk-through assigns them.
 */
import { addLocalDays, localDate } from '../../bot/domain/localTime';
import { appendAudit } from '../../bot/services/audit';
import type { ServiceDeps } from '../../bot/services/context';
import { assignPath } from '../../bot/services/talent/development/assignPath';
import { savePathTemplate } from '../../bot/services/talent/development/savePathTemplate';
import { randFor } from './demoRandom';
import type { DemoPerson } from './demoTimeline';

const ACTOR = 'system:demo';

export const DEMO_PATHS = [
  {
    name: '架构师培养计划',
    kind: 'course',
    description: '面向中级研发：系统设计、技术写作、专项实战与导师制，半年完成。',
    durationWeeks: 26,
    milestones: [
      { title: { 'zh-CN': '完成系统设计课程', en: 'Finish the system-design course' }, offsetDays: 28, description: '内部课程 8 讲 + 结业设计评审' },
      { title: { 'zh-CN': '发表第一篇技术文档', en: 'Publish a first technical write-up' }, offsetDays: 56, description: null },
      { title: { 'zh-CN': '主导一次架构评审（专项）', en: 'Lead an architecture review (special project)' }, offsetDays: 112, description: '选一个跨团队项目' },
      { title: { 'zh-CN': '导师制：与导师完成 4 次交流', en: 'Mentorship: four sessions with the mentor' }, offsetDays: 140, description: null },
      { title: { 'zh-CN': '发表第二篇技术文档并分享', en: 'Publish a second write-up and present it' }, offsetDays: 175, description: null },
    ],
  },
  {
    name: '管理培训生轮岗计划',
    kind: 'rotation',
    description: '三个岗位各轮岗八周，每段结束提交轮岗总结。',
    durationWeeks: 24,
    milestones: [
      { title: { 'zh-CN': '轮岗一：客户成功', en: 'Rotation 1: customer success' }, offsetDays: 56, description: null },
      { title: { 'zh-CN': '轮岗二：产品运营', en: 'Rotation 2: product operations' }, offsetDays: 112, description: null },
      { title: { 'zh-CN': '轮岗三：销售管理', en: 'Rotation 3: sales management' }, offsetDays: 168, description: null },
    ],
  },
  {
    name: '销售精英训练营',
    kind: 'course',
    description: null,
    durationWeeks: 8,
    milestones: [
      { title: '顾问式销售课程', offsetDays: 21, description: null },
      { title: { 'zh-CN': '大客户方案演练', en: 'Key-account pitch rehearsal' }, offsetDays: 49, description: null },
    ],
  },
] as const;

export function seedDemoDevelopment(deps: ServiceDeps, people: DemoPerson[]): { paths: number; assignments: number; mentorships: number } {
  const c = deps.db.$client;
  const now = deps.now();
  const today = localDate(now, deps.settings.defaultTimezone);
  const withReports = new Set(people.map((p) => p.managerId).filter((id): id is number => id !== null));
  // Hire dates: people with reports 4–14 years ago, everyone else 0.5–8 years.
  const setHired = c.prepare<[string, number]>('update people set hired_on = ? where id = ?');
  for (const p of people) {
    const rand = randFor('hired', p.email);
    const years = withReports.has(p.id) ? 4 + rand.next() * 10 : 0.5 + rand.next() * 7.5;
    setHired.run(addLocalDays(today, -Math.round(years * 365)), p.id);
  }
  const paths = DEMO_PATHS.map((body) => savePathTemplate(deps, { body, actor: ACTOR }));

  // The rotation for five people of 销售部 (so its department shows in the report), starting today.
  const sales = c
    .prepare<[], { id: number }>(`select p.id from people p join departments d on d.id = p.department_id where p.active = 1 and p.role = 'employee' and (d.path = '销售部' or d.path like '销售部/%') order by p.id limit 5`)
    .all();
  for (const s of sales) assignPath(deps, { pathId: paths[1].id, personId: s.id, actor: ACTOR, note: '年度管培生' });

  // Two mentorships confirmed 40 days ago: a senior manager each, a mentee from another department.
  const managers = people.filter((p) => withReports.has(p.id) && p.role === 'manager').slice(0, 2);
  const department = c.prepare<[number], { departmentId: number | null }>('select department_id as departmentId from people where id = ?');
  const confirmedAt = new Date(now.getTime() - 40 * 86_400_000).toISOString();
  const insert = c.prepare<[number, number, string, string, string]>(`insert into mentorships (mentor_id, mentee_id, goals, confirmed_by, confirmed_at) values (?, ?, ?, ?, ?)`);
  const ask = c.prepare<[number, number, string, string, string, string]>(`insert into mentoring_checkins (mentorship_id, person_id, month, asked_at, answer, answered_at) values (?, ?, ?, ?, ?, ?)`);
  let mentorships = 0;
  for (const mentor of managers) {
    const own = department.get(mentor.id)?.departmentId ?? null;
    const mentee = people.find((p) => p.role === 'employee' && p.managerId !== mentor.id && department.get(p.id)?.departmentId !== own && !c.prepare('select 1 from mentorships where mentee_id = ?').get(p.id));
    if (!mentee) continue;
    const goals = '熟悉跨部门协作方式；每月一次一对一交流；半年内独立负责一个跨团队事项';
    const id = Number(insert.run(mentor.id, mentee.id, goals, ACTOR, confirmedAt).lastInsertRowid);
    appendAudit(deps.db, { actor: ACTOR, action: 'mentorship.confirm', entity: 'mentorship', entityId: id, after: { mentorId: mentor.id, menteeId: mentee.id, personId: mentee.id, goals } }, now);
    const month = localDate(new Date(now.getTime() - 30 * 86_400_000), deps.settings.defaultTimezone).slice(0, 7);
    const askedAt = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    ask.run(id, mentee.id, month, askedAt, '本月和导师聊了跨部门项目的推进方法，很有帮助。', askedAt);
    ask.run(id, mentor.id, month, askedAt, '已完成第一次一对一，下月一起复盘项目计划。', askedAt);
    mentorships++;
  }
  return { paths: paths.length, assignments: sales.length, mentorships };
}
