/** Goal arithmetic: pure, no I/O. */

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'done';

/** Linear position of current between start and target, clamped to 0–100 (works for decreasing targets too). */
export function progressPercent(start: number, target: number, current: number): number {
  if (target === start) return current === target ? 100 : 0;
  const p = ((current - start) / (target - start)) * 100;
  return Math.min(100, Math.max(0, p));
}

export interface ProgressNode {
  id: number;
  weight: number;
  /** Own progress (used when the node has no children). */
  own: number;
  children: ProgressNode[];
}

/** A parent's progress is the weighted mean of its children's; a leaf's is its own. Zero total weight → plain mean. */
export function rolledUpProgress(node: ProgressNode): number {
  if (node.children.length === 0) return node.own;
  const parts = node.children.map((c) => ({ w: Math.max(0, c.weight), p: rolledUpProgress(c) }));
  const total = parts.reduce((s, x) => s + x.w, 0);
  if (total === 0) return parts.reduce((s, x) => s + x.p, 0) / parts.length;
  return parts.reduce((s, x) => s + x.w * x.p, 0) / total;
}

/** Where progress should be by `today` if it grew evenly over the period (0–100). */
export function expectedPercent(periodStart: string, periodEnd: string, today: string): number {
  const start = Date.parse(`${periodStart}T00:00:00Z`);
  const end = Date.parse(`${periodEnd}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (end <= start) return 100;
  return Math.min(100, Math.max(0, ((now - start) / (end - start)) * 100));
}

/**
 * The suggested status: done at 100%; on track when no more than 10 points behind the even pace; at risk
 * up to 25 points behind; off track beyond that.
 */
export function suggestedStatus(progress: number, expected: number): GoalStatus {
  if (progress >= 100) return 'done';
  const behind = expected - progress;
  if (behind <= 10) return 'on_track';
  if (behind <= 25) return 'at_risk';
  return 'off_track';
}

/** Checkpoint dates: every `everyDays` from the period start, up to and including the period end. */
export function checkpointDates(periodStart: string, periodEnd: string, everyDays: number): string[] {
  const dates: string[] = [];
  const start = Date.parse(`${periodStart}T00:00:00Z`);
  const end = Date.parse(`${periodEnd}T00:00:00Z`);
  for (let t = start + everyDays * 86_400_000; t <= end && dates.length < 400; t += everyDays * 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  if (dates.at(-1) !== periodEnd && end > start) dates.push(periodEnd);
  return dates;
}
