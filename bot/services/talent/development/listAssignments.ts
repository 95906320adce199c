import { sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { completionOf } from '../../../domain/developmentPath';
import { MILESTONE_DONE } from './completeIfAllDone';

export interface MilestoneView {
  goalId: number;
  title: string;
  dueDate: string;
  progress: number;
  done: boolean;
  /** Not done and its due day has passed (a running assignment only). */
  overdue: boolean;
  nextCheckpoint: string | null;
}

export interface AssignmentView {
  id: number;
  pathId: number;
  path: string;
  kind: string;
  person: { id: number; name: string; email: string; department: string | null };
  startDate: string;
  endDate: string;
  status: 'active' | 'completed' | 'cancelled';
  note: string | null;
  closeReason: string | null;
  assignedAt: string;
  milestones: MilestoneView[];
  /** Share of milestones done (0–1). */
  completion: number | null;
  overdueMilestones: number;
}

/**
 * Assignments with their milestones and completion, for the people `personIds` names (null: everyone), optionally one
 * person or one status: two queries whatever the number of assignments.
 */
export function listAssignments(db: Db, filter: { personIds: number[] | null; personId?: number; status?: string }, today: string): AssignmentView[] {
  const scope = filter.personIds ? JSON.stringify(filter.personIds) : null;
  const rows = db.all<Omit<AssignmentView, 'person' | 'milestones' | 'completion' | 'overdueMilestones'> & { personId: number; name: string; email: string; department: string | null }>(sql`
    select a.id, a.path_id as pathId, p.name as path, p.kind, a.person_id as personId, pe.name, pe.email, d.path as department,
      a.start_date as startDate, a.end_date as endDate, a.status, a.note, a.close_reason as closeReason, a.assigned_at as assignedAt
    from path_assignments a join development_paths p on p.id = a.path_id join people pe on pe.id = a.person_id
    left join departments d on d.id = pe.department_id
    where (${scope} is null or a.person_id in (select value from json_each(${scope})))
      and (${filter.personId ?? null} is null or a.person_id = ${filter.personId ?? null})
      and (${filter.status ?? null} is null or a.status = ${filter.status ?? null})
    order by a.status = 'active' desc, a.assigned_at desc, a.id desc`);
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const goals = db.all<{ assignmentId: number; goalId: number; title: string; dueDate: string; startValue: number; targetValue: number; currentValue: number; done: number; next: string | null }>(sql`
    select x.assignment_id as assignmentId, g.id as goalId, g.title, g.period_end as dueDate, g.start_value as startValue, g.target_value as targetValue,
      g.current_value as currentValue, ${MILESTONE_DONE} as done,
      (select min(c.due_date) from checkpoints c where c.goal_id = g.id and c.checked_in_at is null) as next
    from path_assignment_goals x join goals g on g.id = x.goal_id
    where x.assignment_id in (select value from json_each(${ids})) order by x.assignment_id, x.milestone_index`);
  const byAssignment = new Map<number, typeof goals>();
  for (const g of goals) byAssignment.set(g.assignmentId, [...(byAssignment.get(g.assignmentId) ?? []), g]);
  return rows.map(({ personId, name, email, department, ...a }) => {
    const milestones = (byAssignment.get(a.id) ?? []).map((g) => ({
      goalId: g.goalId,
      title: g.title,
      dueDate: g.dueDate,
      progress: Math.round(Math.min(100, Math.max(0, ((g.currentValue - g.startValue) / (g.targetValue - g.startValue || 1)) * 100))),
      done: Boolean(g.done),
      overdue: a.status === 'active' && !g.done && g.dueDate < today,
      nextCheckpoint: a.status === 'active' ? g.next : null,
    }));
    return {
      ...a,
      person: { id: personId, name, email, department },
      milestones,
      completion: completionOf(milestones.filter((m) => m.done).length, milestones.length),
      overdueMilestones: milestones.filter((m) => m.overdue).length,
    };
  });
}
