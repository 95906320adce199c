import { sql } from 'drizzle-orm';
import { isBlocker } from '../../domain/standupSchedule';
import { localDate } from '../../domain/localTime';
import type { ServiceDeps } from '../context';
import type { GoalStatus } from '../../domain/goalProgress';
import { goalTree, type GoalView } from '../goals/goalQueries';
import { isRoundOpen, latestRound } from '../standup/standupRounds';

export type MemberStatus = 'answered' | 'late' | 'missing' | 'excused' | 'not_asked';

export interface TeamWeek {
  periodKey: string | null;
  open: boolean;
  members: { personId: number; name: string; email: string; department: string | null; managerName: string | null; status: MemberStatus; completedAt: string | null; nudgedToday: boolean }[];
  blockers: { personId: number; name: string; text: string; at: string }[];
  overdue: { personId: number; name: string; goalId: number; goalTitle: string; dueDate: string }[];
  goals: { id: number; title: string; level: string; owner: { id: number; name: string }; progress: number; expected: number; status: GoalStatus; periodEnd: string }[];
}

/**
 * A manager's week for the people they may see (their whole reporting subtree; everyone for HR/admin: `people`
 * null): who answered, open blockers, overdue check-ins, and the team's goals against the even pace. A handful
 * of queries whatever the team's size.
 */
export function teamWeek(deps: ServiceDeps, people: number[] | null, periodKey?: string): TeamWeek {
  const scope = people ? JSON.stringify(people) : null;
  const round = latestRound(deps, periodKey);
  const now = deps.now();
  const today = localDate(now, deps.settings.defaultTimezone);
  const rows = deps.db.all<{ personId: number; name: string; email: string; department: string | null; managerName: string | null; requestId: number | null; completedAt: string | null; late: number | null; excusedAt: string | null; nudged: number }>(sql`
    select p.id as personId, p.name, p.email, d.path as department, m.name as managerName,
      r.id as requestId, r.completed_at as completedAt, r.late, r.excused_at as excusedAt,
      exists (select 1 from deliveries x where x.dedupe_key = 'nudge:' || ${today} || ':' || p.id) as nudged
    from people p left join departments d on d.id = p.department_id left join people m on m.id = p.manager_id
    left join standup_requests r on r.person_id = p.id and r.round_id = ${round?.id ?? -1}
    where p.active = 1 and (${scope} is null or p.id in (select value from json_each(${scope})))
    order by p.name`);
  const members = rows.map((r) => ({
    personId: r.personId, name: r.name, email: r.email, department: r.department, managerName: r.managerName,
    status: statusOf(r), completedAt: r.completedAt, nudgedToday: Boolean(r.nudged),
  }));
  const ids = JSON.stringify(rows.map((r) => r.personId));
  // The blocker question of what each person was asked (a department's own standup may have its own).
  const blockers = !round ? [] : deps.db
    .all<{ personId: number; name: string; text: string; at: string }>(sql`
      select p.id as personId, p.name, a.answer as text, coalesce(a.edited_at, a.answered_at) as at
      from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id
      where r.round_id = ${round.id} and a.skipped = 0
        and json_extract(coalesce(r.questions, ${JSON.stringify(round.questions)}), '$[' || a.question_index || '].blocker') = 1
        and r.person_id in (select value from json_each(${ids}))
      order by at desc`)
    .filter((b) => isBlocker(b.text));
  const overdue = deps.db.all<TeamWeek['overdue'][number]>(sql`
    select g.owner_id as personId, p.name, g.id as goalId, g.title as goalTitle, min(c.due_date) as dueDate
    from checkpoints c join goals g on g.id = c.goal_id join people p on p.id = g.owner_id
    where c.checked_in_at is null and c.due_date < ${today} and g.owner_id in (select value from json_each(${ids}))
    group by g.id order by dueDate`);
  const inTeam = new Set(rows.map((r) => r.personId));
  // the goals running now: a period that ended (last year's, say) has no pace left to be against
  const goals = flatten(goalTree(deps.db, today))
    .filter((g) => inTeam.has(g.owner.id) && g.kind === 'performance' && g.periodEnd >= today)
    .map((g) => ({ id: g.id, title: g.title, level: g.level, owner: { id: g.owner.id, name: g.owner.name }, progress: g.progress, expected: g.expected, status: g.status, periodEnd: g.periodEnd }));
  return { periodKey: round?.periodKey ?? null, open: round ? isRoundOpen(round, now) : false, members, blockers, overdue, goals };
}

function statusOf(r: { requestId: number | null; completedAt: string | null; late: number | null; excusedAt: string | null }): MemberStatus {
  if (r.requestId === null) return 'not_asked';
  if (r.excusedAt) return 'excused';
  if (r.completedAt) return r.late ? 'late' : 'answered';
  return 'missing';
}

const flatten = (roots: GoalView[]): GoalView[] => roots.flatMap((g) => [g, ...flatten(g.children)]);
