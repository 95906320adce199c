import type { Access } from '../auth/policy';
import { AppError } from '../../errors';
import { expectedPercent, progressPercent } from '../../domain/goalProgress';
import { inGoalPeriod, type GoalPeriod } from '../../domain/goalPeriod';
import { localDate } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import { progressLog } from '../standup/progressLog';
import { chatPlatformOf } from './chatPlatform';

const LOG_WEEKS = 8;

/**
 * A person's page: profile, manager chain (nearest first), direct reports, chat identities, leave (the last 90
 * days and ahead), points (balance, this month, the last ledger lines), individual goals with progress, the progress
 * log of the last eight weeks, and reviews (a grade only once released, or for their manager chain and HR).
 * Goals are the current ones by default (`period`, see domain/goalPeriod; the talent profile reads the history).
 * A fixed number of small queries; the reader's access is checked by the caller (requireRead).
 */
export function personProfile(deps: ServiceDeps, access: Access, personId: number, period: GoalPeriod = 'current') {
  const c = deps.db.$client;
  const person = c
    .prepare<[number], { id: number; employeeNo: string; name: string; email: string; department: string | null; jobFunction: string; timezone: string; locale: 'zh-CN' | 'en'; role: string; active: number; managerId: number | null; createdAt: string; updatedAt: string }>(
      `select p.id, p.employee_no as employeeNo, p.name, p.email, d.path as department, p.job_function as jobFunction, p.timezone, p.locale, p.role, p.active,
         p.manager_id as managerId, p.created_at as createdAt, p.updated_at as updatedAt
       from people p left join departments d on d.id = p.department_id where p.id = ?`,
    )
    .get(personId);
  if (!person) throw new AppError('not_found', 'No such person.', { status: 404 });
  const now = deps.now();
  const today = localDate(now, person.timezone);

  const managerChain = c
    .prepare<[number], { id: number; name: string; email: string; active: number }>(
      `with recursive chain(id, depth) as (
         select manager_id, 1 from people where id = ? and manager_id is not null
         union all select p.manager_id, chain.depth + 1 from people p join chain on p.id = chain.id where p.manager_id is not null and chain.depth < 50)
       select p.id, p.name, p.email, p.active from chain join people p on p.id = chain.id order by chain.depth`,
    )
    .all(personId)
    .map((m) => ({ ...m, active: Boolean(m.active) }));
  const reports = c
    .prepare<[number], { id: number; name: string; email: string; active: number }>('select id, name, email, active from people where manager_id = ? order by active desc, name')
    .all(personId)
    .map((r) => ({ ...r, active: Boolean(r.active) }));
  const identities = c.prepare<[number], { platform: string; externalId: string }>('select platform, external_id as externalId from identities where person_id = ? order by platform').all(personId);

  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const leave = c
    .prepare<[number, string], { id: number; startDate: string; endDate: string; reason: string | null }>(
      'select id, start_date as startDate, end_date as endDate, reason from leaves where person_id = ? and end_date >= ? order by start_date',
    )
    .all(personId, since);

  const month = today.slice(0, 7);
  const sums = c
    .prepare<[string, number], { balance: number; month: number }>(
      `select coalesce(sum(amount), 0) as balance,
         coalesce(sum(case when score_month = ? and kind in ('standup', 'checkin', 'adjustment', 'development') then amount end), 0) as month
       from points_ledger where person_id = ?`,
    )
    .get(month, personId)!;
  const ledger = c
    .prepare<[number], { at: string; amount: number; kind: string; reason: string }>('select created_at as at, amount, kind, reason from points_ledger where person_id = ? order by id desc limit 10')
    .all(personId);

  const goals = c
    .prepare<[number, string], { id: number; title: string; unit: string; startValue: number; targetValue: number; currentValue: number; periodStart: string; periodEnd: string; status: string | null; kind: string; nextCheckpoint: string | null; onTime: number; late: number }>(
      `select g.id, g.title, g.unit, g.start_value as startValue, g.target_value as targetValue, g.current_value as currentValue,
         g.period_start as periodStart, g.period_end as periodEnd, g.status, g.kind,
         (select min(due_date) from checkpoints cp where cp.goal_id = g.id and cp.checked_in_at is null) as nextCheckpoint,
         (select count(*) from check_ins ci where ci.goal_id = g.id and ci.on_time = 1) as onTime,
         (select count(*) from check_ins ci where ci.goal_id = g.id and ci.on_time = 0) as late
       from goals g where g.owner_id = ? and g.level = 'individual'
         and (? = 'all' or not exists (select 1 from path_assignment_goals x join path_assignments a on a.id = x.assignment_id where x.goal_id = g.id and a.status = 'cancelled'))
       order by g.period_end desc, g.id`,
    )
    .all(personId, String(period))
    .filter((g) => inGoalPeriod(g, period, today))
    .map((g) => ({
      id: g.id, title: g.title, kind: g.kind, unit: g.unit, currentValue: g.currentValue, targetValue: g.targetValue, periodEnd: g.periodEnd, status: g.status,
      progress: progressPercent(g.startValue, g.targetValue, g.currentValue), expected: expectedPercent(g.periodStart, g.periodEnd, today), checkIns: { onTime: g.onTime, late: g.late },
    }));

  const from = new Date(now.getTime() - LOG_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
  const log = progressLog(deps.db, { from, to: today, personId, locale: access.user.locale === 'en' ? 'en' : 'zh-CN' })
    .reverse()
    .map((e) => ({ week: e.week, completedAt: e.completedAt, late: e.late, answers: e.answers.map(({ question, answer, skipped, late, editedAt }) => ({ question, answer, skipped, late, edited: editedAt != null })) }));

  const seesGrades = access.canManage(personId);
  const reviews = c
    .prepare<[number], { id: number; cycle: string; periodStart: string; periodEnd: string; status: string; grade: string | null; cycleStatus: string }>(
      `select r.id, c.name as cycle, c.period_start as periodStart, c.period_end as periodEnd, r.status, r.grade, c.status as cycleStatus
       from reviews r join review_cycles c on c.id = r.cycle_id where r.person_id = ? order by c.period_end desc, r.id desc`,
    )
    .all(personId)
    .map(({ cycleStatus, grade, ...r }) => ({ ...r, released: cycleStatus === 'released', grade: cycleStatus === 'released' || seesGrades ? grade : null }));

  const { managerId: _managerId, active, ...profile } = person;
  return {
    person: { ...profile, active: Boolean(active), platform: chatPlatformOf(deps, identities.map((i) => i.platform)) },
    managerChain,
    reports,
    identities,
    leave,
    points: { balance: sums.balance, month, monthScore: sums.month, ledger },
    goals,
    log,
    reviews,
    canEdit: access.can('people.edit') && (person.role !== 'admin' || access.user.role === 'admin'),
  };
}
