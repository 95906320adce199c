import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../bot/domain/calendar';
import { checkinTarget } from '../../bot/domain/checkinWindow';
import { DEFAULT_LADDER, escalationStepsDue, ownerStep, withinWorkingHours, workingDaysBetween } from '../../bot/domain/escalationLadder';
import { checkpointDates, expectedPercent, progressPercent, rolledUpProgress, suggestedStatus } from '../../bot/domain/goalProgress';
import { localClock, localDate } from '../../bot/domain/localTime';

const cal = new WorkCalendar();
const rule = { ...DEFAULT_LADDER, furtherAfterDays: 2 };

describe('goal progress', () => {
  it.each([
    [0, 100, 50, 50], [0, 100, 150, 100], [0, 100, -5, 0], [40, 85, 62.5, 50], [10, 2, 6, 50], [10, 2, 12, 0],
  ])('start %d target %d current %d → %d%%', (start, target, current, expected) => {
    expect(progressPercent(start, target, current)).toBeCloseTo(expected);
  });

  it('rolls a parent up as the weighted mean of its children', () => {
    const leaf = (id: number, weight: number, own: number) => ({ id, weight, own, children: [] });
    expect(rolledUpProgress({ id: 1, weight: 1, own: 0, children: [leaf(2, 3, 100), leaf(3, 1, 0)] })).toBe(75);
    expect(rolledUpProgress({ id: 1, weight: 1, own: 0, children: [{ id: 2, weight: 1, own: 0, children: [leaf(4, 1, 50), leaf(5, 1, 100)] }, leaf(3, 1, 25)] })).toBe(50);
    expect(rolledUpProgress({ id: 1, weight: 1, own: 0, children: [leaf(2, 0, 80), leaf(3, 0, 20)] })).toBe(50);
  });

  it.each([
    [100, 50, 'done'], [45, 50, 'on_track'], [30, 50, 'at_risk'], [10, 50, 'off_track'],
  ] as const)('progress %d against expected %d → %s', (p, e, s) => {
    expect(suggestedStatus(p, e)).toBe(s);
  });

  it('expects even progress over the period and schedules checkpoints every N days up to the end', () => {
    expect(expectedPercent('2026-10-01', '2026-12-31', '2026-11-15')).toBeCloseTo(49.45, 1);
    expect(checkpointDates('2026-10-01', '2026-11-01', 14)).toEqual(['2026-10-15', '2026-10-29', '2026-11-01']);
  });
});

describe('reminder and escalation ladder', () => {
  // Checkpoint on Friday 9 Oct 2026, just after National Day (1–7 Oct off; Saturday 10 Oct is a make-up workday).
  it.each([
    ['2026-09-28', null, 'four working days ahead (Sep 29, 30, Oct 8, 9)'],
    ['2026-09-29', 'before', 'three working days ahead, across the holiday'],
    ['2026-10-03', 'before', 'during the holiday'],
    ['2026-10-09', 'due', 'the due day'],
    ['2026-10-10', null, 'the make-up Saturday: one working day overdue, the manager’s turn'],
  ])('owner step on %s: %s (%s)', (today, expected, _why) => {
    expect(ownerStep('2026-10-09', today, rule, cal)).toBe(expected);
  });

  it.each([
    ['2026-10-09', []],
    ['2026-10-10', ['manager']],
    ['2026-10-11', ['manager']],
    ['2026-10-13', ['manager', 'further']],
  ])('escalation on %s: %j', (today, expected) => {
    expect(escalationStepsDue('2026-10-09', today, rule, cal)).toEqual(expected);
  });

  it('pauses the count while the owner is on leave', () => {
    const leave = [{ startDate: '2026-11-23', endDate: '2026-11-27' }];
    expect(workingDaysBetween('2026-11-20', '2026-11-27', cal)).toBe(5);
    expect(workingDaysBetween('2026-11-20', '2026-11-27', cal, leave)).toBe(0);
    expect(escalationStepsDue('2026-11-20', '2026-11-27', rule, cal, leave)).toEqual([]);
    expect(ownerStep('2026-11-27', '2026-11-24', rule, cal, leave)).toBe(null); // on leave: not reminded
    expect(ownerStep('2026-11-27', '2026-11-24', rule, cal)).toBe('before');
  });

  it.each([
    ['2026-11-27T01:30:00Z', 'Asia/Shanghai', true, '09:30 Friday in Shanghai'],
    ['2026-11-27T12:00:00Z', 'Asia/Shanghai', false, '20:00: quiet hours'],
    ['2026-11-28T03:00:00Z', 'Asia/Shanghai', false, 'Saturday'],
    ['2026-10-30T16:30:00Z', 'America/Los_Angeles', true, '09:30 PDT before the DST change'],
    ['2026-11-02T16:30:00Z', 'America/Los_Angeles', false, '08:30 PST after it: the same UTC time is now too early'],
    ['2026-11-02T17:30:00Z', 'America/Los_Angeles', true, '09:30 PST'],
  ])('%s in %s is within working hours: %s (%s)', (iso, tz, expected, _why) => {
    const now = new Date(iso);
    expect(withinWorkingHours(localDate(now, tz), localClock(now, tz), rule, cal)).toBe(expected);
  });
});

describe('which checkpoint a check-in answers', () => {
  // The schedule: period from 15 Nov, checkpoints 29 Nov, 13 Dec, 27 Dec and the period end 31 Dec.
  const DUE = ['2026-11-29', '2026-12-13', '2026-12-27', '2026-12-31'];
  const schedule = (answered: number) => DUE.map((dueDate, i) => ({ id: i + 1, dueDate, open: i >= answered }));

  it.each([
    ['first window, before its due day', 0, '2026-11-20', { kind: 'answers', checkpointId: 1, dueDate: '2026-11-29', onTime: true }],
    ['first window opens on the period start', 0, '2026-11-15', { kind: 'answers', checkpointId: 1, dueDate: '2026-11-29', onTime: true }],
    ['before the period starts', 0, '2026-11-14', { kind: 'notYet', dueDate: '2026-11-29', opensOn: '2026-11-15' }],
    ['on the due day', 0, '2026-11-29', { kind: 'answers', checkpointId: 1, dueDate: '2026-11-29', onTime: true }],
    ['the next is answered early: its window has not opened', 1, '2026-11-20', { kind: 'notYet', dueDate: '2026-12-13', opensOn: '2026-11-30' }],
    ['a second check-in on the due day answers nothing more', 1, '2026-11-29', { kind: 'notYet', dueDate: '2026-12-13', opensOn: '2026-11-30' }],
    ['the next window opens the day after the previous due day', 1, '2026-11-30', { kind: 'answers', checkpointId: 2, dueDate: '2026-12-13', onTime: true }],
    ['overdue: answered late', 0, '2026-12-01', { kind: 'answers', checkpointId: 1, dueDate: '2026-11-29', onTime: false }],
    ['two overdue: the earliest first, late', 0, '2026-12-20', { kind: 'answers', checkpointId: 1, dueDate: '2026-11-29', onTime: false }],
    ['a short last window (27 → 31 Dec)', 3, '2026-12-28', { kind: 'answers', checkpointId: 4, dueDate: '2026-12-31', onTime: true }],
    ['a short last window not yet open', 3, '2026-12-27', { kind: 'notYet', dueDate: '2026-12-31', opensOn: '2026-12-28' }],
    ['everything answered', 4, '2026-12-31', { kind: 'none' }],
  ] as const)('%s', (_name, answered, today, expected) => {
    expect(checkinTarget(schedule(answered), '2026-11-15', today)).toEqual(expected);
  });

  it('counts an unanswered previous checkpoint for the window, and does not care about the order it is given in', () => {
    // 29 Nov answered late after 13 Dec's window opened; the open 13 Dec is in its window.
    const rows = [{ id: 2, dueDate: '2026-12-13', open: true }, { id: 1, dueDate: '2026-11-29', open: false }];
    expect(checkinTarget(rows, '2026-11-15', '2026-12-05')).toEqual({ kind: 'answers', checkpointId: 2, dueDate: '2026-12-13', onTime: true });
  });

  it('never holds back an overdue checkpoint even when dates are odd (a checkpoint before the period start)', () => {
    expect(checkinTarget([{ id: 1, dueDate: '2026-11-10', open: true }], '2026-11-15', '2026-11-12')).toEqual({ kind: 'answers', checkpointId: 1, dueDate: '2026-11-10', onTime: false });
  });
});
