import { sql, type SQL } from 'drizzle-orm';
import { addLocalDays, weekKey } from '../../domain/localTime';

/**
 * Whose figures a report counts: the people the caller may see (null: everyone, for HR and admins — the policy's
 * visiblePeople) and optionally one department with its sub-departments (by path).
 */
export interface ReportScope {
  personIds: number[] | null;
  department?: string | null;
}

/** The scope as a condition on a person id column and a department path column (json_each: one bound parameter). */
export function inScope(scope: ReportScope, personId: SQL, departmentPath: SQL): SQL {
  const ids = scope.personIds ? JSON.stringify(scope.personIds) : null;
  const dept = scope.department ?? null;
  return sql`(${ids} is null or ${personId} in (select value from json_each(${ids})))
    and (${dept} is null or ${departmentPath} = ${dept} or ${departmentPath} like ${dept} || '/%')`;
}

/**
 * The scope as a condition on a person id column alone (no join to people for every row): the ids by json_each, the
 * department as a subquery of its people (the department path index, then people by department).
 */
export function personInScope(scope: ReportScope, personId: SQL): SQL {
  const ids = scope.personIds ? JSON.stringify(scope.personIds) : null;
  const dept = scope.department ?? null;
  return sql`(${ids} is null or ${personId} in (select value from json_each(${ids})))
    and (${dept} is null or ${personId} in (select p.id from departments dp join people p on p.department_id = dp.id where dp.path = ${dept} or dp.path like ${dept} || '/%'))`;
}

/** The ISO weeks a date range touches, in order, each with its Monday and Sunday. */
export function weeksOf(from: string, to: string): { week: string; monday: string; sunday: string }[] {
  const out: { week: string; monday: string; sunday: string }[] = [];
  const back = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  for (let monday = addLocalDays(from, -back); monday <= to && out.length < 520; monday = addLocalDays(monday, 7)) {
    out.push({ week: weekKey(monday), monday, sunday: addLocalDays(monday, 6) });
  }
  return out;
}
