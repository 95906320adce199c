import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { checkIns, checkpoints, escalationSteps, goals, people, type GoalStatus } from '../../../db/schema';
import { checkinTarget } from '../../domain/checkinWindow';
import { localDate } from '../../domain/localTime';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { recordLedger } from '../points/points';
import { inPilot } from '../settings/audiences';
import { DEVELOPMENT_DEFAULTS } from '../../domain/companySettings';
import { completeIfAllDone } from '../talent/development/completeIfAllDone';

export interface CheckInInput {
  goalId: number;
  personId: number;
  /** Ignored for a key result that follows a metric (its value is the metric's); required otherwise. */
  value?: number;
  status?: GoalStatus | null;
  note?: string | null;
}

/**
 * A check-in: the goal's new value, status and note. It answers the goal's earliest open checkpoint once that
 * checkpoint's window has opened (see checkinTarget): on or before its due day (owner's local date) it is on time
 * and earns the check-in point once; after it, late. Before the window opens it answers nothing and `notYet` says
 * when the next checkpoint can be answered. Chat, the Slack modal and the API all come here. Run in a transaction.
 * On a key result bound to a metric the owner still checks in (status, note, the point) but the value stays the
 * metric's, which only the metric store moves (progressFromMetrics).
 */
export function recordCheckIn(deps: ServiceDeps, input: CheckInInput) {
  const { db } = deps;
  const now = deps.now();
  const goal = db.select({ g: goals, tz: people.timezone }).from(goals).innerJoin(people, eq(people.id, goals.ownerId)).where(eq(goals.id, input.goalId)).get();
  if (!goal) throw new AppError('not_found', `No goal ${input.goalId}.`, { status: 404 });
  const value = goal.g.metricKey ? goal.g.currentValue : input.value;
  if (value === undefined || !Number.isFinite(value)) throw new AppError('invalid_value', 'The value must be a number.', { status: 400, details: [{ field: 'value', message: 'must be a number' }] });
  const today = localDate(now, goal.tz);
  const all = db.select().from(checkpoints).where(eq(checkpoints.goalId, input.goalId)).orderBy(asc(checkpoints.dueDate)).all();
  const target = checkinTarget(all.map((c) => ({ id: c.id, dueDate: c.dueDate, open: c.checkedInAt === null })), goal.g.periodStart, today);
  const checkpoint = target.kind === 'answers' ? all.find((c) => c.id === target.checkpointId) : undefined;
  // A check-in that answers nothing is not late: it is an update between checkpoints.
  const onTime = target.kind === 'answers' ? target.onTime : true;
  const at = now.toISOString();
  if (checkpoint) db.update(checkpoints).set({ checkedInAt: at, onTime }).where(eq(checkpoints.id, checkpoint.id)).run();
  const status = input.status ?? null;
  db.update(goals).set({ currentValue: value, status, updatedAt: at }).where(eq(goals.id, input.goalId)).run();
  const checkIn = db
    .insert(checkIns)
    .values({ goalId: input.goalId, checkpointId: checkpoint?.id ?? null, personId: input.personId, value, status: status ?? 'on_track', note: input.note ?? null, onTime, at })
    .returning()
    .get();
  if (status === 'done') closeRemainingCheckpoints(deps, input.goalId, today);
  // A development path's milestone earns its own amount, under its own ledger kind (issue 16).
  const development = goal.g.kind === 'development';
  const points = development ? (deps.settings.points.developmentCheckin ?? DEVELOPMENT_DEFAULTS.developmentCheckin) : deps.settings.points.checkinOnTime;
  const entry = development
    ? { kind: 'development' as const, reason: `development check-in ${goal.g.ref}`, sourceKey: `devcheckin:${checkpoint?.id}` }
    : { kind: 'checkin' as const, reason: `check-in ${goal.g.ref}`, sourceKey: `checkin:${checkpoint?.id}` };
  const pointAwarded =
    Boolean(checkpoint) && onTime && points > 0 && inPilot(deps, goal.g.ownerId) &&
    recordLedger(db, { personId: goal.g.ownerId, amount: points, ...entry }, now, goal.tz);
  if (development) completeIfAllDone(deps, input.goalId);
  const notYet = target.kind === 'notYet' ? { dueDate: target.dueDate, opensOn: target.opensOn } : null;
  return { checkIn, checkpoint: checkpoint ?? null, onTime, pointAwarded: pointAwarded ? points : 0, notYet };
}

/** A goal marked done needs no more check-ins: its future open checkpoints go. */
function closeRemainingCheckpoints(deps: ServiceDeps, goalId: number, today: string): void {
  const future = deps.db
    .select({ id: checkpoints.id })
    .from(checkpoints)
    .where(and(eq(checkpoints.goalId, goalId), isNull(checkpoints.checkedInAt), gt(checkpoints.dueDate, today)))
    .all()
    .map((c) => c.id);
  if (future.length === 0) return;
  deps.db.delete(escalationSteps).where(inArray(escalationSteps.checkpointId, future)).run();
  deps.db.delete(checkpoints).where(inArray(checkpoints.id, future)).run();
}
