import { addLocalDays } from './localTime';

export interface CheckpointDate {
  id: number;
  /** The owner's local date it is due. */
  dueDate: string;
  /** No check-in has answered it yet. */
  open: boolean;
}

/** What one check-in on `today` answers. */
export type CheckinTarget =
  | { kind: 'answers'; checkpointId: number; dueDate: string; onTime: boolean }
  /** Nothing is due yet: the value is saved, no checkpoint is answered; `opensOn` is when the next one can be. */
  | { kind: 'notYet'; dueDate: string; opensOn: string }
  /** Every checkpoint is answered already. */
  | { kind: 'none' };

/**
 * Which checkpoint a check-in answers. Each checkpoint has a window: from the day after the previous checkpoint's
 * due day (the period start for the first) up to its own due day, in the owner's local dates. A check-in answers
 * the goal's earliest open checkpoint if its window has opened: inside the window it is on time (and earns the
 * point), after the due day it is late (no point). If the earliest open checkpoint's window has not opened yet,
 * the check-in answers nothing: people may update their number whenever they like, but only one check-in per
 * window counts, so checking in early can never answer future checkpoints (issue 14: four quick check-ins
 * answered four future checkpoints). Repeating a check-in in the same window therefore answers nothing more.
 * The previous checkpoint counts whether it was answered or not, so the windows are fixed by the schedule alone;
 * the reminder lead ("3 working days ahead") always falls inside the window and is unaffected.
 */
export function checkinTarget(checkpoints: readonly CheckpointDate[], periodStart: string, today: string): CheckinTarget {
  const sorted = [...checkpoints].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const i = sorted.findIndex((c) => c.open);
  if (i < 0) return { kind: 'none' };
  const next = sorted[i];
  const opensOn = i === 0 ? periodStart : addLocalDays(sorted[i - 1].dueDate, 1);
  if (today < opensOn && today <= next.dueDate) return { kind: 'notYet', dueDate: next.dueDate, opensOn };
  return { kind: 'answers', checkpointId: next.id, dueDate: next.dueDate, onTime: today <= next.dueDate };
}
