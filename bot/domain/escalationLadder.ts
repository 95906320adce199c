import type { LeaveSpan, WorkCalendar } from './calendar';
import { addLocalDays } from './localTime';

export interface LadderRule {
  remindBeforeDays: number;
  remindOnDueDay: boolean;
  managerAfterDays: number;
  furtherAfterDays: number | null;
  workStart: string;
  workEnd: string;
}

export const DEFAULT_LADDER: LadderRule = { remindBeforeDays: 3, remindOnDueDay: true, managerAfterDays: 1, furtherAfterDays: null, workStart: '09:00', workEnd: '18:00' };

export type OwnerStep = 'before' | 'due';
export type EscalationStep = 'manager' | 'further';

const MAX_SCAN_DAYS = 120;

/** Working days d with from < d <= to, for this person (0 when to <= from). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar, leaves: LeaveSpan[] = []): number {
  if (leaves.length === 0) return cal.workdaysBetween(from, to);
  let n = 0;
  for (let d = addLocalDays(from, 1), i = 0; d <= to && i < MAX_SCAN_DAYS; d = addLocalDays(d, 1), i++) if (cal.isWorkday(d, leaves)) n++;
  return n;
}

/**
 * The owner's reminder due today for an open checkpoint, if any: "before" from `remindBeforeDays` working
 * days ahead until the due day; "due" from the due day until the manager is told. Only the latest applies.
 */
export function ownerStep(dueDate: string, today: string, rule: LadderRule, cal: WorkCalendar, leaves: LeaveSpan[] = []): OwnerStep | null {
  if (leaves.some((l) => l.startDate <= today && today <= l.endDate)) return null; // nobody is reminded on leave
  if (today < dueDate) {
    const ahead = workingDaysBetween(today, dueDate, cal, leaves);
    return rule.remindBeforeDays > 0 && ahead <= rule.remindBeforeDays ? 'before' : null;
  }
  if (!rule.remindOnDueDay) return null;
  return workingDaysBetween(dueDate, today, cal, leaves) < rule.managerAfterDays ? 'due' : null;
}

/** Escalations due for an open checkpoint: the manager after N working days overdue, then the further level. */
export function escalationStepsDue(dueDate: string, today: string, rule: LadderRule, cal: WorkCalendar, leaves: LeaveSpan[] = []): EscalationStep[] {
  const overdue = workingDaysBetween(dueDate, today, cal, leaves);
  const steps: EscalationStep[] = [];
  if (overdue >= rule.managerAfterDays) steps.push('manager');
  if (rule.furtherAfterDays != null && overdue >= rule.managerAfterDays + rule.furtherAfterDays) steps.push('further');
  return steps;
}

/** Quiet hours: messages go out only on the recipient's working days, within working hours, local time. */
export function withinWorkingHours(localDay: string, localTime: string, rule: LadderRule, cal: WorkCalendar, leaves: LeaveSpan[] = []): boolean {
  return cal.isWorkday(localDay, leaves) && localTime >= rule.workStart && localTime < rule.workEnd;
}

/**
 * Due dates outside which no step can be due on any local day in [dayMin, dayMax] for someone with no leave in
 * between (leave only removes working days, so the scheduler gives owners on leave the wide window). A pass then
 * reads only the checkpoints whose next step may be due, not every open one of the last months.
 * - `remindFrom`: a "due" reminder needs fewer than `managerAfterDays` working days since the due day;
 * - `remindTo`: a "before" reminder needs at most `remindBeforeDays` working days ahead;
 * - `overdueTo(n)`: an escalation needs at least n working days overdue.
 */
export function ladderWindow(cal: WorkCalendar, dayMin: string, dayMax: string, maxRemindBeforeDays: number, maxManagerAfterDays: number) {
  // working days d with D < d <= dayMin, growing as D moves back one day at a time
  let remindFrom = dayMin;
  for (let n = 0, i = 0; i < MAX_SCAN_DAYS; i++) {
    n += cal.isCompanyWorkday(remindFrom) ? 1 : 0; // working days in (remindFrom - 1, dayMin]
    if (n >= maxManagerAfterDays) break;
    remindFrom = addLocalDays(remindFrom, -1);
  }
  let remindTo = dayMax;
  for (let n = 0, i = 0; i < MAX_SCAN_DAYS; i++) {
    const next = addLocalDays(remindTo, 1);
    n += cal.isCompanyWorkday(next) ? 1 : 0; // working days in (dayMax, next]
    if (n > maxRemindBeforeDays) break;
    remindTo = next;
  }
  const overdueTo = (days: number): string => {
    let d = dayMax;
    for (let n = 0, i = 0; n < days && i < MAX_SCAN_DAYS; i++) {
      n += cal.isCompanyWorkday(d) ? 1 : 0; // working days in (d - 1, dayMax]
      d = addLocalDays(d, -1);
    }
    return d;
  };
  return { remindFrom, remindTo, overdueTo };
}
