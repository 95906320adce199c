import { sql, type SQL } from 'drizzle-orm';
import { departments } from '../../../db/schema';
import { inPilotScope, overrideFor } from '../../domain/companySettings';
import type { StandupTimes } from '../../domain/standupSchedule';
import type { ServiceDeps, StandupQuestion } from '../context';

/** A set of people by department, for jobs: a SQL test on a department column and the same test in memory. */
export interface Audience {
  /** Everyone (no pilot, no override carves anyone out): jobs keep their queries as they are. */
  everyone: boolean;
  has(departmentId: number | null): boolean;
  /** `column` (a people.department_id) is in the audience. */
  sql(column: SQL): SQL;
}

function audienceOf(ids: Set<number>, withoutDepartment: boolean, everyone: boolean): Audience {
  const json = JSON.stringify([...ids]);
  return {
    everyone,
    has: (id) => everyone || (id === null ? withoutDepartment : ids.has(id)),
    sql: (column) => (everyone ? sql`1 = 1` : sql`(${column} in (select value from json_each(${json})) or (${withoutDepartment ? 1 : 0} = 1 and ${column} is null))`),
  };
}

function departmentRows(deps: ServiceDeps): { id: number; path: string }[] {
  return deps.db.select({ id: departments.id, path: departments.path }).from(departments).all();
}

/**
 * The pilot scope (settings.pilot): the people the rhythm runs for — standup, reminders, check-in reminders,
 * escalations, points, the leaderboard and review prompts. Everyone when there is no pilot.
 */
export function pilotAudience(deps: ServiceDeps): Audience {
  const pilot = deps.settings.pilot ?? null;
  if (!pilot) return audienceOf(new Set(), true, true);
  const ids = new Set(departmentRows(deps).filter((d) => inPilotScope(pilot, d.path)).map((d) => d.id));
  return audienceOf(ids, false, false);
}

/** Is this person in the pilot scope? (one lookup; true when there is no pilot) */
export function inPilot(deps: ServiceDeps, personId: number): boolean {
  const pilot = deps.settings.pilot ?? null;
  if (!pilot) return true;
  const row = deps.db.get<{ path: string | null }>(sql`select d.path from people p left join departments d on d.id = p.department_id where p.id = ${personId}`);
  return inPilotScope(pilot, row?.path ?? null);
}

/** One standup: the company's or a department's (with the departments it covers, inside the pilot). */
export interface StandupPlan {
  /** "" for the company's, else the department path of the override. */
  key: string;
  enabled: boolean;
  standup: StandupTimes & { questions: StandupQuestion[]; digestChannel?: string };
  /** The questions to keep on each request: null when they are the company's (the round's). */
  ownQuestions: StandupQuestion[] | null;
  audience: Audience;
}

/**
 * The standups this week (Geekbot-style): the company's for everyone whose department has no override, and one
 * per department override (the nearest override of a person's department wins); each limited to the pilot.
 */
export function standupPlans(deps: ServiceDeps): StandupPlan[] {
  const { settings } = deps;
  const overrides = settings.standupOverrides ?? [];
  const pilot = settings.pilot ?? null;
  const company: Omit<StandupPlan, 'audience'> = { key: '', enabled: settings.standup.enabled !== false, standup: settings.standup, ownQuestions: null };
  if (overrides.length === 0 && !pilot) return [{ ...company, audience: audienceOf(new Set(), true, true) }];
  const byPlan = new Map<string, Set<number>>([['', new Set()], ...overrides.map((o) => [o.department, new Set<number>()] as const)]);
  for (const d of departmentRows(deps)) {
    if (!inPilotScope(pilot, d.path)) continue;
    byPlan.get(overrideFor(overrides, d.path)?.department ?? '')!.add(d.id);
  }
  const plans: StandupPlan[] = [{ ...company, audience: audienceOf(byPlan.get('')!, !pilot, false) }];
  for (const o of overrides) {
    const questions = o.questions ?? settings.standup.questions;
    plans.push({
      key: o.department,
      enabled: o.enabled ?? company.enabled,
      standup: {
        ...settings.standup,
        questions,
        weekday: o.weekday ?? settings.standup.weekday,
        promptTime: o.promptTime ?? settings.standup.promptTime,
        reminderTime: o.reminderTime ?? settings.standup.reminderTime,
        digestChannel: o.digestChannel === undefined ? settings.standup.digestChannel : (o.digestChannel ?? undefined),
      },
      ownQuestions: o.questions ?? null,
      audience: audienceOf(byPlan.get(o.department)!, false, false),
    });
  }
  return plans;
}

/** The standup plan a person's department falls under (for a test prompt), or undefined outside the pilot. */
export function planOfDepartment(deps: ServiceDeps, departmentId: number | null): StandupPlan | undefined {
  return standupPlans(deps).find((p) => p.audience.has(departmentId));
}
