import type { Db } from '../../../db/client';
import { DEFAULT_SCALE, type ScaleGrade } from '../../domain/ratingScale';
import { AppError } from '../../errors';

export interface ReportPerson {
  reviewId: number;
  name: string;
  email: string;
  department: string | null;
  manager: string | null;
  /** The manager's grade as submitted, and the grade now (after calibration and appeals). */
  before: string | null;
  after: string | null;
}

export interface GradeGroup {
  name: string;
  n: number;
  before: Record<string, number>;
  after: Record<string, number>;
}

export interface ReportChange {
  reviewId: number;
  name: string;
  department: string | null;
  source: 'calibration' | 'appeal';
  before: string | null;
  after: string | null;
  reason: string;
  overrideReason: string | null;
  actor: string;
  at: string;
}

export interface CycleReport {
  cycle: { id: number; name: string; status: string; releasedAt: string | null };
  grades: string[];
  total: GradeGroup;
  byDepartment: GradeGroup[];
  byManager: GradeGroup[];
  changes: ReportChange[];
  people: ReportPerson[];
}

/**
 * A cycle's results before and after calibration (and appeals), per department and per manager, with every change
 * and its reason. `visible`: the people the caller may read (null = everyone); the groups count only them.
 * "Before" is the manager's submitted grade: the first calibration change's `before`, else a changed appeal's.
 */
export function cycleReport(db: Db, cycleId: number, visible: number[] | null): CycleReport {
  const cycle = db.$client
    .prepare<[number], { id: number; name: string; status: string; releasedAt: string | null; scale: string | null }>(`select id, name, status, released_at as releasedAt, scale from review_cycles where id = ?`)
    .get(cycleId);
  if (!cycle) throw new AppError('not_found', 'No such review cycle.', { status: 404 });
  const grades = ((cycle.scale ? JSON.parse(cycle.scale) : DEFAULT_SCALE) as ScaleGrade[]).map((g) => g.key);
  const scope = visible === null ? '' : `and r.person_id in (select value from json_each(@people))`;
  const args = { cycle: cycleId, people: JSON.stringify(visible ?? []) };
  const people = db.$client
    .prepare<[typeof args], ReportPerson>(
      `select r.id as reviewId, p.name, p.email, d.path as department, m.name as manager, r.grade as after,
              coalesce((select cc.before from calibration_changes cc where cc.review_id = r.id order by cc.id limit 1),
                       (select a.grade_before from review_appeals a where a.review_id = r.id and a.status = 'changed'), r.grade) as before
       from reviews r join people p on p.id = r.person_id left join departments d on d.id = p.department_id left join people m on m.id = r.manager_id
       where r.cycle_id = @cycle and r.status = 'submitted' ${scope} order by d.path, p.name`,
    )
    .all(args);
  const changes = db.$client
    .prepare<[typeof args], ReportChange & { personId: number }>(
      `select * from (
         select cc.review_id as reviewId, p.name, d.path as department, 'calibration' as source, cc.before, cc.after, cc.reason,
                cc.override_reason as overrideReason, cc.actor, cc.at, r.person_id as personId
         from calibration_changes cc join reviews r on r.id = cc.review_id join people p on p.id = r.person_id left join departments d on d.id = p.department_id
         where r.cycle_id = @cycle
         union all
         select a.review_id, p.name, d.path, 'appeal', a.grade_before, a.grade_after, a.note, null, a.resolved_by, a.resolved_at, a.person_id
         from review_appeals a join people p on p.id = a.person_id left join departments d on d.id = p.department_id
         where a.cycle_id = @cycle and a.status = 'changed'
       ) r where 1 = 1 ${visible === null ? '' : 'and r.personId in (select value from json_each(@people))'} order by at, reviewId`,
    )
    .all(args)
    .map(({ personId: _, ...c }) => c);
  return {
    cycle: { id: cycle.id, name: cycle.name, status: cycle.status, releasedAt: cycle.releasedAt },
    grades,
    total: group('', people, grades),
    byDepartment: groupBy(people, (p) => p.department ?? '—', grades),
    byManager: groupBy(people, (p) => p.manager ?? '—', grades),
    changes,
    people,
  };
}

function groupBy(people: ReportPerson[], key: (p: ReportPerson) => string, grades: string[]): GradeGroup[] {
  const groups = new Map<string, ReportPerson[]>();
  for (const p of people) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
  return [...groups].map(([name, members]) => group(name, members, grades)).sort((a, b) => a.name.localeCompare(b.name));
}

function group(name: string, members: ReportPerson[], grades: string[]): GradeGroup {
  const count = (which: 'before' | 'after') => Object.fromEntries(grades.map((g) => [g, members.filter((m) => m[which] === g).length]));
  return { name, n: members.length, before: count('before'), after: count('after') };
}
