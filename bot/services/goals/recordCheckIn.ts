import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { checkIns, checkpoints, escalationSteps, goals, people, type GoalStatus } from '../../../db/schema';
import { localDate } from '../../domain/localTime';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { recordLedger } from '../points/points';

export interface CheckInInput {
  goalId: number;
  personId: number;
  value: number;
  status?: GoalStatus | null;
  note?: string | null;
}

/**
 * A check-in: the goal's new value, status and note. It answers the goal's earliest open checkpoint; on or
 * before its due day (owner's local date) it is on time and earns the check-in point once. Run in a transaction.
 */
export function recordCheckIn(deps: ServiceDeps, input: CheckInInput) {
  const { db } = deps;
  const now = deps.now();
  const goal = db.select({ g: goals, tz: people.timezone }).from(goals).innerJoin(people, eq(people.id, goals.ownerId)).where(eq(goals.id, input.goalId)).get();
  if (!goal) throw new AppError('not_found', `No goal ${input.goalId}.`, { status: 404 });
  if (!Number.isFinite(input.value)) throw new AppError('invalid_value', 'The value must be a number.');
  const today = localDate(now, goal.tz);
  const checkpoint = db
    .select()
    .from(checkpoints)
    .where(and(eq(checkpoints.goalId, input.goalId), isNull(checkpoints.checkedInAt)))
    .orderBy(asc(checkpoints.dueDate))
    .limit(1)
    .get();
  const onTime = checkpoint ? today <= checkpoint.dueDate : true;
  const at = now.toISOString();
  if (checkpoint) db.update(checkpoints).set({ checkedInAt: at, onTime }).where(eq(checkpoints.id, checkpoint.id)).run();
  const status = input.status ?? null;
  db.update(goals).set({ currentValue: input.value, status, updatedAt: at }).where(eq(goals.id, input.goalId)).run();
  const checkIn = db
    .insert(checkIns)
    .values({ goalId: input.goalId, checkpointId: checkpoint?.id ?? null, personId: input.personId, value: input.value, status: status ?? 'on_track', note: input.note ?? null, onTime, at })
    .returning()
    .get();
  if (status === 'done') closeRemainingCheckpoints(deps, input.goalId, today);
  const points = deps.settings.points.checkinOnTime;
  const pointAwarded =
    Boolean(checkpoint) && onTime && points > 0 &&
    recordLedger(db, { personId: goal.g.ownerId, amount: points, kind: 'checkin', reason: `check-in ${goal.g.ref}`, sourceKey: `checkin:${checkpoint!.id}` }, now, goal.tz);
  return { checkIn, checkpoint, onTime, pointAwarded: pointAwarded ? points : 0 };
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
