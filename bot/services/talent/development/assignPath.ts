import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { developmentPaths, pathAssignmentGoals, pathAssignments, people } from '../../../../db/schema';
import { milestoneDates } from '../../../domain/developmentPath';
import { checkpointDates } from '../../../domain/goalProgress';
import { localDate } from '../../../domain/localTime';
import { AppError } from '../../../errors';
import { asLocale, t } from '../../../i18n';
import { enqueue } from '../../../outbox/enqueue';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';
import { saveGoalRow } from '../../goals/saveGoal';

/** How often a milestone goal asks for an update before its due day (its last checkpoint is the due day itself). */
export const MILESTONE_CHECKIN_DAYS = 14;

export interface AssignPathInput {
  pathId: number;
  personId: number;
  /** The person's local date the path starts on (default: today); never in the past. */
  startDate?: string;
  note?: string | null;
  actor: string;
}

/**
 * Assigns a path to a person (HR, admin). In one transaction: the assignment (milestones copied), one goal of kind
 * "development" per milestone — "<path> · <milestone>", 0 → 100 %, due on the milestone's day, checkpoints every 14
 * days up to it and on it, so the existing check-in ladder reminds and escalates it — the audit entry, and one chat
 * message to the person listing the milestones and dates. The same path twice at once → 409 path_assigned.
 */
export function assignPath(deps: ServiceDeps, input: AssignPathInput) {
  const now = deps.now();
  const path = deps.db.select().from(developmentPaths).where(eq(developmentPaths.id, input.pathId)).get();
  if (!path) throw new AppError('not_found', 'No such path template.', { status: 404 });
  if (path.archived) throw new AppError('path_archived', 'This path template is archived.', { status: 409 });
  const person = deps.db.select().from(people).where(eq(people.id, input.personId)).get();
  if (!person || !person.active) throw new AppError('not_found', 'No such active person.', { status: 404 });
  const today = localDate(now, person.timezone);
  const startDate = input.startDate ?? today;
  if (startDate < today) throw new AppError('invalid_request', 'The path cannot start in the past.', { status: 400, details: [{ field: 'startDate', code: 'in_past', message: `must be ${today} or later` }] });
  const { due, endDate } = milestoneDates(startDate, path.durationWeeks, path.milestones);
  const locale = asLocale(person.locale, deps.settings.defaultLocale);

  return inTransaction(deps.db, () => {
    const running = deps.db
      .select({ id: pathAssignments.id })
      .from(pathAssignments)
      .where(and(eq(pathAssignments.pathId, path.id), eq(pathAssignments.personId, person.id), eq(pathAssignments.status, 'active')))
      .get();
    if (running) throw new AppError('path_assigned', `${person.name} is on this path already.`, { status: 409 });
    const assignment = deps.db
      .insert(pathAssignments)
      .values({ pathId: path.id, personId: person.id, startDate, endDate, note: input.note ?? null, assignedBy: input.actor, assignedAt: now.toISOString() })
      .returning()
      .get();
    const goalIds = path.milestones.map((m, i) => {
      const goal = saveGoalRow(
        { db: deps.db, now: deps.now, timezone: person.timezone },
        {
          ref: `dev-${assignment.id}-${i + 1}`,
          actor: input.actor,
          reason: `development path ${path.name}`,
          checkpointDates: checkpointDates(startDate, due[i], MILESTONE_CHECKIN_DAYS),
          fields: {
            parentId: null, level: 'individual', kind: 'development', title: `${path.name} · ${m.title[locale]}`, ownerId: person.id, departmentId: person.departmentId,
            unit: '%', startValue: 0, targetValue: 100, weight: 1, periodStart: startDate, periodEnd: due[i], checkinEveryDays: MILESTONE_CHECKIN_DAYS, metricKey: null,
          },
        },
      );
      deps.db.insert(pathAssignmentGoals).values({ assignmentId: assignment.id, milestoneIndex: i, goalId: goal.id }).run();
      return goal.id;
    });
    appendAudit(
      deps.db,
      { actor: input.actor, action: 'development.assign', entity: 'path_assignment', entityId: assignment.id, after: { personId: person.id, pathId: path.id, path: path.name, startDate, endDate, goalIds }, reason: input.note ?? undefined },
      now,
    );
    const lines = path.milestones.map((m, i) => t(locale, 'development.assigned.line', { n: i + 1, title: m.title[locale], date: due[i] }));
    enqueue(deps, [{
      dedupeKey: `path-assigned:${assignment.id}`,
      target: { kind: 'person', personId: person.id },
      message: { text: [t(locale, 'development.assigned.head', { path: path.name, start: startDate, end: endDate }), ...lines, t(locale, 'development.assigned.tail')].join('\n') },
    }]);
    return { id: assignment.id, pathId: path.id, personId: person.id, startDate, endDate, status: assignment.status, goalIds };
  });
}
