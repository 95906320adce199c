import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { progressPercent } from '../../domain/goalProgress';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';
import { t, type Locale } from '../../i18n';
import type { SheetSpec } from '../exports/xlsxWorkbook';
import { standupParticipation } from './standupParticipation';

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * HR's one-click cycle report (the source case cut the preparation from two weeks to three days): for the people of
 * one review cycle, over its period — a summary, standup participation and goals with check-ins by department, the
 * grade distribution (the manager's grade, else the suggested one, on the cycle's scale) and every review. A handful
 * of grouped queries whatever the cycle's size; the sheets go to the shared XLSX writer.
 */
export function cycleReport(db: Db, input: { cycleId: number; locale: Locale }): { name: string; sheets: SheetSpec[] } {
  const h = (key: string, params?: Record<string, string | number>) => t(input.locale, `report.${key}`, params);
  const cycle = db.get<{ id: number; name: string; kind: string; status: string; periodStart: string; periodEnd: string; scale: string | null }>(sql`
    select id, name, kind, status, period_start as periodStart, period_end as periodEnd, scale from review_cycles where id = ${input.cycleId}`);
  if (!cycle) throw new AppError('not_found', `No review cycle ${input.cycleId}.`, { status: 404 });
  const scale: ScaleGrade[] = cycle.scale ? (JSON.parse(cycle.scale) as ScaleGrade[]) : DEFAULT_SCALE;
  const reviews = db.all<{ personId: number; name: string; email: string; department: string | null; manager: string | null; status: string; total: number | null; suggested: string | null; grade: string | null; needsCalibration: number }>(sql`
    select p.id as personId, p.name, p.email, dp.path as department, m.name as manager, r.status, r.total, r.suggested_grade as suggested, r.grade, r.needs_calibration as needsCalibration
    from reviews r join people p on p.id = r.person_id left join departments dp on dp.id = p.department_id left join people m on m.id = r.manager_id
    where r.cycle_id = ${cycle.id} order by dp.path, p.name`);
  const scope = { personIds: reviews.map((r) => r.personId) };
  const ids = JSON.stringify(scope.personIds);

  const participation = standupParticipation(db, { from: cycle.periodStart, to: cycle.periodEnd, scope });
  const goals = db.all<{ department: string | null; startValue: number; targetValue: number; currentValue: number }>(sql`
    select dp.path as department, g.start_value as startValue, g.target_value as targetValue, g.current_value as currentValue
    from goals g join people p on p.id = g.owner_id left join departments dp on dp.id = p.department_id
    where g.level = 'individual' and g.kind = 'performance' and g.owner_id in (select value from json_each(${ids}))
      and g.period_start <= ${cycle.periodEnd} and g.period_end >= ${cycle.periodStart}`);
  const checkins = db.all<{ department: string | null; due: number; onTime: number }>(sql`
    select dp.path as department, count(*) as due, sum(case when c.on_time = 1 then 1 else 0 end) as onTime
    from checkpoints c join goals g on g.id = c.goal_id join people p on p.id = g.owner_id left join departments dp on dp.id = p.department_id
    where g.kind = 'performance' and g.owner_id in (select value from json_each(${ids})) and c.due_date >= ${cycle.periodStart} and c.due_date <= ${cycle.periodEnd}
    group by dp.path`);

  const byDept = new Map<string, { goals: number; progress: number; due: number; onTime: number }>();
  const dept = (d: string | null) => {
    const key = d ?? '';
    const v = byDept.get(key) ?? { goals: 0, progress: 0, due: 0, onTime: 0 };
    byDept.set(key, v);
    return v;
  };
  for (const g of goals) {
    const v = dept(g.department);
    v.goals++;
    v.progress += progressPercent(g.startValue, g.targetValue, g.currentValue);
  }
  for (const c of checkins) Object.assign(dept(c.department), { due: c.due, onTime: c.onTime });

  const finalGrade = (r: (typeof reviews)[number]) => r.grade ?? r.suggested;
  const graded = reviews.filter((r) => finalGrade(r));
  const totals = participation.weeks.reduce((s, w) => ({ asked: s.asked + w.asked, answered: s.answered + w.onTime + w.late }), { asked: 0, answered: 0 });
  const due = checkins.reduce((s, c) => s + c.due, 0);
  const onTime = checkins.reduce((s, c) => s + c.onTime, 0);
  const statusName = (s: string) => h(`reviewStatus.${s}`);

  const sheets: SheetSpec[] = [
    {
      name: h('sheet.summary'),
      header: [h('col.item'), h('col.value')],
      rows: [
        [h('summary.cycle'), cycle.name],
        [h('summary.period'), `${cycle.periodStart} – ${cycle.periodEnd}`],
        [h('summary.status'), h(`cycleStatus.${cycle.status}`)],
        [h('summary.people'), reviews.length],
        [h('summary.selfDone'), reviews.filter((r) => r.status !== 'self_review').length],
        [h('summary.submitted'), reviews.filter((r) => r.status === 'submitted').length],
        [h('summary.participation'), rate(totals.answered, totals.asked)],
        [h('summary.checkinRate'), rate(onTime, due)],
      ],
    },
    {
      name: h('sheet.participation'),
      header: [h('col.department'), h('col.asked'), h('col.onTime'), h('col.late'), h('col.missing'), h('col.excused'), h('col.answerRate')],
      rows: participation.departments.map((d) => [d.department, d.asked, d.onTime, d.late, d.missing, d.excused, rate(d.onTime + d.late, d.asked)]),
      formats: { 6: '0.0%' },
    },
    {
      name: h('sheet.goals'),
      header: [h('col.department'), h('col.goals'), h('col.meanProgress'), h('col.checkinsDue'), h('col.checkinsOnTime'), h('col.checkinRate')],
      rows: [...byDept].sort(([a], [b]) => a.localeCompare(b)).map(([d, v]) => [d, v.goals, v.goals ? Math.round((v.progress / v.goals) * 10) / 1000 : null, v.due, v.onTime, rate(v.onTime, v.due)]),
      formats: { 2: '0.0%', 5: '0.0%' },
    },
    {
      name: h('sheet.grades'),
      header: [h('col.grade'), h('col.label'), h('col.count'), h('col.share')],
      rows: [
        ...scale.map((g) => {
          const n = graded.filter((r) => finalGrade(r) === g.key).length;
          return [g.key, g.label[input.locale], n, rate(n, graded.length)];
        }),
        [h('grades.ungraded'), '', reviews.length - graded.length, null],
      ],
      formats: { 3: '0.0%' },
    },
    {
      name: h('sheet.reviews'),
      header: [h('col.name'), h('col.email'), h('col.department'), h('col.manager'), h('col.status'), h('col.total'), h('col.suggested'), h('col.grade'), h('col.calibration')],
      rows: reviews.map((r) => [r.name, r.email, r.department ?? '', r.manager ?? '', statusName(r.status), r.total, r.suggested, r.grade, r.needsCalibration ? h('yes') : '']),
    },
  ];
  return { name: cycle.name, sheets };
}
