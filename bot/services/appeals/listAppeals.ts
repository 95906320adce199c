import type { Db } from '../../../db/client';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';

export interface AppealRow {
  id: number;
  reviewId: number;
  cycleId: number;
  cycle: string;
  personId: number;
  name: string;
  department: string | null;
  manager: string | null;
  /** The grade now, the grade appealed, and the grade HR set (null until answered). */
  grade: string | null;
  gradeBefore: string | null;
  gradeAfter: string | null;
  reason: string;
  channel: 'chat' | 'web';
  status: 'open' | 'upheld' | 'changed';
  dueAt: string;
  overdue: boolean;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /** The cycle's grades, best first: what HR may change the grade to. */
  grades: string[];
}

export interface AppealFilter {
  status?: 'open' | 'upheld' | 'changed';
  cycleId?: number;
  /** Only these people (the caller's scope), or everyone (null). */
  people: number[] | null;
}

/** Appeals, open ones first by deadline, then answered ones newest first; one query. */
export function listAppeals(db: Db, filter: AppealFilter, now: Date): AppealRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.status) (where.push('a.status = ?'), args.push(filter.status));
  if (filter.cycleId !== undefined) (where.push('a.cycle_id = ?'), args.push(filter.cycleId));
  if (filter.people) where.push(`a.person_id in (select value from json_each(?))`), args.push(JSON.stringify(filter.people));
  const rows = db.$client
    .prepare<(string | number)[], Omit<AppealRow, 'overdue' | 'grades'> & { scale: string | null }>(
      `select a.id, a.review_id as reviewId, a.cycle_id as cycleId, c.name as cycle, a.person_id as personId, p.name, d.path as department,
              m.name as manager, r.grade, a.grade_before as gradeBefore, a.grade_after as gradeAfter, a.reason, a.channel, a.status,
              a.due_at as dueAt, a.note, a.resolved_by as resolvedBy, a.resolved_at as resolvedAt, a.created_at as createdAt, c.scale
       from review_appeals a join reviews r on r.id = a.review_id join review_cycles c on c.id = a.cycle_id
       join people p on p.id = a.person_id left join departments d on d.id = p.department_id left join people m on m.id = r.manager_id
       ${where.length ? `where ${where.join(' and ')}` : ''}
       order by a.status != 'open', case when a.status = 'open' then a.due_at end, a.id desc limit 1000`,
    )
    .all(...args);
  const at = now.toISOString();
  return rows.map(({ scale, ...r }) => ({ ...r, overdue: r.status === 'open' && r.dueAt < at, grades: ((scale ? JSON.parse(scale) : DEFAULT_SCALE) as ScaleGrade[]).map((g) => g.key) }));
}
