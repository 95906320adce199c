import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../bot/domain/calendar';
import { escalationStepsDue, ladderWindow, ownerStep, type LadderRule } from '../../bot/domain/escalationLadder';
import { addLocalDays } from '../../bot/domain/localTime';

/**
 * The ladder reads only due dates inside ladderWindow; that is only safe if no step can be due outside it. Checked
 * exhaustively against the rules themselves: every due date over a year around each day, across the National Day
 * and Spring Festival holidays (long breaks with make-up working weekends), for several ladders.
 */
describe('ladderWindow', () => {
  const cal = new WorkCalendar([{ date: '2026-12-26', kind: 'work' }, { date: '2026-12-28', kind: 'off' }]);
  const rules: LadderRule[] = [
    { remindBeforeDays: 3, remindOnDueDay: true, managerAfterDays: 1, furtherAfterDays: null, workStart: '09:00', workEnd: '18:00' },
    { remindBeforeDays: 0, remindOnDueDay: true, managerAfterDays: 0, furtherAfterDays: 2, workStart: '09:00', workEnd: '18:00' },
    { remindBeforeDays: 7, remindOnDueDay: true, managerAfterDays: 5, furtherAfterDays: 3, workStart: '09:00', workEnd: '18:00' },
  ];
  const days = ['2026-09-29', '2026-10-01', '2026-10-08', '2026-11-23', '2026-12-27', '2027-02-05', '2027-02-16', '2027-02-22'];

  for (const rule of rules) {
    it(`holds every due step inside the window (before ${rule.remindBeforeDays}, manager after ${rule.managerAfterDays})`, () => {
      for (const utcToday of days) {
        const dayMin = addLocalDays(utcToday, -1);
        const dayMax = addLocalDays(utcToday, 1);
        const w = ladderWindow(cal, dayMin, dayMax, rule.remindBeforeDays, rule.managerAfterDays);
        const managerTo = w.overdueTo(rule.managerAfterDays);
        const furtherTo = rule.furtherAfterDays == null ? null : w.overdueTo(rule.managerAfterDays + rule.furtherAfterDays);
        let reminded = 0;
        let escalated = 0;
        for (let due = addLocalDays(utcToday, -90); due <= addLocalDays(utcToday, 90); due = addLocalDays(due, 1)) {
          for (let today = dayMin; today <= dayMax; today = addLocalDays(today, 1)) {
            if (ownerStep(due, today, rule, cal)) {
              reminded++;
              expect(due >= w.remindFrom && due <= w.remindTo, `${due} reminded on ${today}, window ${w.remindFrom}..${w.remindTo}`).toBe(true);
            }
            const steps = escalationStepsDue(due, today, rule, cal);
            if (steps.includes('manager') && due < today) {
              escalated++;
              expect(due <= managerTo, `${due} escalated on ${today}, window ends ${managerTo}`).toBe(true);
            }
            if (steps.includes('further') && due < today) expect(due <= furtherTo!).toBe(true);
          }
        }
        // the property is not vacuous (the second ladder reminds nobody: no days ahead, the manager from the due day)
        if (rule.remindBeforeDays > 0) expect(reminded).toBeGreaterThan(0);
        expect(escalated).toBeGreaterThan(0);
      }
    });
  }

  it('is narrow: a steady pass reads days, not the months behind', () => {
    const w = ladderWindow(cal, '2026-11-22', '2026-11-24', 3, 1);
    expect(w.remindFrom).toBe('2026-11-20'); // Friday: the weekend after it is no working day
    expect(w.remindTo).toBe('2026-11-29'); // three working days after Tuesday the 24th, and the weekend after them
    expect(w.overdueTo(1)).toBe('2026-11-23');
  });
});
