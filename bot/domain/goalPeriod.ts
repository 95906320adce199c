/**
 * Which goals a reader sees. "Their goals" means the ones running now by default: a goal whose period has not
 * ended (period_end on or after today, in the reader's company/person time zone) — done goals of the current
 * period stay, and so does a development milestone not done yet while it is still asked about (an open checkpoint: an overdue
 * one is what its owner must see; a cancelled path's milestones have none left). `all`
 * is the whole history; a year is every goal whose period overlaps that calendar year.
 * The one rule behind the goal tree, My page, a person's page, the chat goal list and My team's week.
 */
export type GoalPeriod = 'current' | 'all' | number;

/** `?period=` as the API takes it: absent or `current`, `all`, or a four-digit year. */
export const GOAL_PERIOD_PATTERN = /^(current|all|\d{4})$/;

export function parseGoalPeriod(raw: string | undefined): GoalPeriod {
  if (raw === undefined || raw === 'current') return 'current';
  if (raw === 'all') return 'all';
  return Number(raw);
}

export function inGoalPeriod(goal: { periodStart: string; periodEnd: string; kind?: string; status?: string | null; nextCheckpoint?: string | null }, period: GoalPeriod, today: string): boolean {
  if (period === 'all') return true;
  if (period === 'current') return goal.periodEnd >= today || (goal.kind === 'development' && goal.status !== 'done' && goal.nextCheckpoint != null);
  return goal.periodStart <= `${period}-12-31` && goal.periodEnd >= `${period}-01-01`;
}
