import { eq } from 'drizzle-orm';
import { departments, people } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';

export interface FileEntry {
  at: string;
  kind: 'review' | 'feedback' | 'goal' | 'points';
  title: string;
  detail: string;
}

/**
 * The employee file (档案): one person's timeline of released reviews (grade, feedback), goals and points by month,
 * newest first. Who may read it is the caller's check (the person, their manager chain, HR).
 */
export function employeeFile(deps: ServiceDeps, personId: number) {
  const person = deps.db
    .select({ id: people.id, name: people.name, email: people.email, jobFunction: people.jobFunction, department: departments.path })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(eq(people.id, personId))
    .get();
  if (!person) throw new AppError('not_found', 'No such person.', { status: 404 });
  const c = deps.db.$client;
  const entries: FileEntry[] = [];
  const reviewed = c
    .prepare<[number], { at: string; cycle: string; grade: string; feedback: string | null; overrideReason: string | null }>(
      `select r.manager_submitted_at as at, c.name as cycle, r.grade, r.feedback, r.override_reason as overrideReason
       from reviews r join review_cycles c on c.id = r.cycle_id where r.person_id = ? and r.status = 'submitted' and c.status = 'released'`,
    )
    .all(personId);
  for (const r of reviewed) {
    entries.push({ at: r.at, kind: 'review', title: r.cycle, detail: r.grade });
    if (r.feedback) entries.push({ at: r.at, kind: 'feedback', title: r.cycle, detail: r.feedback });
  }
  const goals = c
    .prepare<[number], { at: string; title: string; start: number; target: number; current: number; periodEnd: string }>(
      `select created_at as at, title, start_value as start, target_value as target, current_value as current, period_end as periodEnd
       from goals where owner_id = ? and level = 'individual' and kind = 'performance'`,
    )
    .all(personId);
  for (const g of goals) {
    const span = g.target - g.start;
    const pct = span === 0 ? (g.current === g.target ? 100 : 0) : Math.round(Math.min(1, Math.max(0, (g.current - g.start) / span)) * 100);
    entries.push({ at: g.at, kind: 'goal', title: g.title, detail: `${pct}% (${g.periodEnd})` });
  }
  const months = c
    .prepare<[number], { month: string; points: number; at: string }>(
      `select score_month as month, sum(amount) as points, max(created_at) as at from points_ledger
       where person_id = ? and score_month is not null group by score_month`,
    )
    .all(personId);
  for (const m of months) entries.push({ at: m.at, kind: 'points', title: m.month, detail: String(m.points) });
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { person, entries };
}
