/**
 * The demo company's goals for a quarter that began with the history (company → department → individual), imported
 * through the goals import, then eight weeks of check-ins: most on time, some late, some missed — and for those
 * the reminders and the manager's escalation the ladder gave. The owner earns the on-time point as the bot awards it.
 */
import { stringify } from 'csv-stringify/sync';
import { expectedPercent, progressPercent, suggestedStatus } from '../../bot/domain/goalProgress';
import { addLocalDays, localDate, zonedInstant } from '../../bot/domain/localTime';
import type { ServiceDeps } from '../../bot/services/context';
import { GOALS_CSV_HEADER, importGoals } from '../../bot/services/goals/importGoals';
import { randFor } from './demoRandom';
import { diligence } from './demoStandups';
import type { DemoPerson } from './demoTimeline';

const ACTOR = 'system:demo';
const QUARTER_DAYS = 90;

type Title = [zh: string, en: string, unit: string, start: number, target: number];
const INDIVIDUAL: Record<string, Title[]> = {
  rnd: [['按时交付迭代需求', 'Ship sprint scope on time', '个', 0, 12], ['线上缺陷修复', 'Fix production defects', '个', 0, 30], ['单元测试覆盖率', 'Unit test coverage', '%', 55, 80]],
  sales: [['新签合同额', 'New contract value', '万元', 0, 150], ['新增客户数', 'New customers', '家', 0, 8], ['回款金额', 'Cash collected', '万元', 0, 120]],
  customer_success: [['客户续约率', 'Renewal rate', '%', 70, 92], ['重点客户回访', 'Key-account visits', '家', 0, 24]],
  support: [['工单 48 小时闭环率', 'Tickets closed in 48 h', '%', 80, 95], ['知识库文章', 'Knowledge-base articles', '篇', 0, 20]],
  product: [['需求文档交付', 'Specs delivered', '份', 0, 10], ['客户访谈', 'Customer interviews', '次', 0, 24]],
  hr: [['关键岗位招聘', 'Key hires', '人', 0, 12], ['培训场次', 'Training sessions', '场', 0, 8]],
  management: [['季度经营目标', 'Quarterly business plan', '%', 0, 100]],
};
const DEPARTMENT: Record<string, string> = {
  rnd: '研发交付与质量', sales: '本季度签约目标', customer_success: '客户续约与满意度', support: '服务响应与闭环', product: '版本规划与需求质量', hr: '招聘与组织发展',
};
const NOTES = {
  'zh-CN': { on_track: ['进展顺利', '按计划推进', '本周完成了预期的量'], at_risk: ['略有落后，下周补上', '客户推迟了，进度受影响'], off_track: ['落后较多，需要支持', '资源不足，进度滞后'], done: ['已完成'] },
  en: { on_track: ['On track', 'Going as planned'], at_risk: ['Slightly behind, catching up next week'], off_track: ['Well behind, need help'], done: ['Done'] },
} as const;

export function seedDemoGoals(deps: ServiceDeps, people: DemoPerson[], start: string): { goals: number; checkIns: number; escalations: number } {
  const tz = deps.settings.defaultTimezone;
  const end = addLocalDays(start, QUARTER_DAYS);
  const byId = new Map(people.map((p) => [p.id, p]));
  const c = deps.db.$client;
  const deptOf = new Map(c.prepare<[], { id: number; path: string | null }>('select p.id, d.path from people p left join departments d on d.id = p.department_id').all().map((r) => [r.id, r.path]));
  const ceo = people.find((p) => p.managerId === null && p.jobFunction === 'management') ?? people[0];
  const rows: string[][] = [['Q-COMPANY', '', 'company', '本季度公司经营目标：营收与客户双增长', ceo.email, '', '%', '0', '100', '1', start, end, '14']];
  const heads = people.filter((p) => p.managerId === ceo.id && DEPARTMENT[p.jobFunction]);
  for (const h of heads) rows.push([`Q-DEPT-${h.id}`, 'Q-COMPANY', 'department', DEPARTMENT[h.jobFunction], h.email, deptOf.get(h.id)!.split('/')[0], '%', '0', '100', '1', start, end, '14']);
  const headOf = (p: DemoPerson): DemoPerson | undefined => {
    for (let x: DemoPerson | undefined = p; x; x = x.managerId == null ? undefined : byId.get(x.managerId)) if (x.managerId === ceo.id) return x;
    return undefined;
  };
  for (const p of people) {
    if (p.id === ceo.id) continue;
    const titles = INDIVIDUAL[p.jobFunction] ?? INDIVIDUAL.rnd;
    const rand = randFor('goals', p.email);
    const count = rand.chance(0.4) ? 2 : 1;
    const first = rand.int(0, titles.length - 1);
    const head = headOf(p);
    for (let i = 0; i < Math.min(count, titles.length); i++) {
      const [zh, en, unit, from, to] = titles[(first + i) % titles.length];
      rows.push([`Q-${p.id}-${i + 1}`, head && head.id !== p.id && DEPARTMENT[head.jobFunction] ? `Q-DEPT-${head.id}` : '', 'individual', p.locale === 'en' ? en : zh, p.email, '', unit, String(from), String(to), '1', start, end, '14']);
    }
  }
  const csv = stringify([[...GOALS_CSV_HEADER], ...rows]);
  importGoals({ db: deps.db, now: () => zonedInstant(start, '09:00', tz), timezone: tz }, csv, ACTOR);
  return { goals: rows.length, ...checkIns(deps, byId) };
}

function checkIns(deps: ServiceDeps, byId: Map<number, DemoPerson>): { checkIns: number; escalations: number } {
  const c = deps.db.$client;
  const now = deps.now();
  const tz = deps.settings.defaultTimezone;
  const today = localDate(now, tz);
  const goals = c
    .prepare<[], { id: number; ref: string; ownerId: number; startValue: number; targetValue: number; periodStart: string; periodEnd: string }>(
      `select id, ref, owner_id as ownerId, start_value as startValue, target_value as targetValue, period_start as periodStart, period_end as periodEnd from goals where level = 'individual' order by id`,
    )
    .all();
  const checkpointsOf = c.prepare<[number], { id: number; dueDate: string }>('select id, due_date as dueDate from checkpoints where goal_id = ? order by due_date');
  const insertCheckIn = c.prepare('insert into check_ins (goal_id, checkpoint_id, person_id, value, status, note, on_time, at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const markCheckpoint = c.prepare('update checkpoints set checked_in_at = ?, on_time = ? where id = ?');
  const setValue = c.prepare('update goals set current_value = ?, updated_at = ? where id = ?');
  const insertStep = c.prepare('insert into escalation_steps (checkpoint_id, step, recipient_id, at) values (?, ?, ?, ?)');
  const insertPoint = c.prepare(`insert into points_ledger (person_id, amount, kind, reason, source_key, actor, score_month, created_at) values (?, ?, 'checkin', ?, ?, 'system', ?, ?)`);
  let made = 0;
  let escalations = 0;
  for (const g of goals) {
    const owner = byId.get(g.ownerId)!;
    const profile = diligence(owner.email);
    const pace = randFor('pace', g.ref).next() * 0.6 + 0.7; // 0.7–1.3 of the even pace
    let value = g.startValue;
    for (const cp of checkpointsOf.all(g.id)) {
      if (cp.dueDate >= today) break;
      const rand = randFor('checkin', g.ref, cp.dueDate);
      const roll = rand.next();
      const outcome = roll < profile.checkinOnTime ? 'onTime' : roll < profile.checkinOnTime + profile.checkinLate ? 'late' : 'missed';
      const dueAt = zonedInstant(cp.dueDate, '09:00', owner.timezone);
      insertStep.run(cp.id, 'before', owner.id, zonedInstant(addLocalDays(cp.dueDate, -3), '09:00', owner.timezone).toISOString());
      if (outcome !== 'onTime') {
        insertStep.run(cp.id, 'due', owner.id, dueAt.toISOString());
        escalations++;
      }
      let at = outcome === 'onTime' ? zonedInstant(addLocalDays(cp.dueDate, -rand.int(0, 3)), `${rand.int(10, 17)}:${String(rand.int(0, 59)).padStart(2, '0')}`, owner.timezone) : zonedInstant(addLocalDays(cp.dueDate, rand.int(1, 5)), '15:30', owner.timezone);
      const managerDay = zonedInstant(addLocalDays(cp.dueDate, 1), '10:00', owner.timezone);
      if (outcome !== 'onTime' && owner.managerId != null && managerDay < now && (outcome === 'missed' || at > managerDay)) {
        insertStep.run(cp.id, 'manager', owner.managerId, managerDay.toISOString());
        escalations++;
      }
      if (outcome === 'missed' || at >= now) continue;
      const expected = expectedPercent(g.periodStart, g.periodEnd, cp.dueDate);
      value = Math.round((g.startValue + ((g.targetValue - g.startValue) * Math.min(100, expected * pace)) / 100) * 10) / 10;
      const status = suggestedStatus(progressPercent(g.startValue, g.targetValue, value), expected);
      const onTime = outcome === 'onTime';
      if (at < zonedInstant(g.periodStart, '09:00', owner.timezone)) at = zonedInstant(g.periodStart, '10:00', owner.timezone);
      insertCheckIn.run(g.id, cp.id, owner.id, value, status, rand.pick(NOTES[owner.locale][status]), onTime ? 1 : 0, at.toISOString());
      markCheckpoint.run(at.toISOString(), onTime ? 1 : 0, cp.id);
      setValue.run(value, at.toISOString(), g.id);
      if (onTime) insertPoint.run(owner.id, deps.settings.points.checkinOnTime, `check-in ${g.ref}`, `checkin:${cp.id}`, localDate(at, owner.timezone).slice(0, 7), at.toISOString());
      made++;
    }
  }
  return { checkIns: made, escalations };
}
