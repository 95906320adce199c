import { describe, expect, it } from 'vitest';
import { WorkCalendar, nationalYearCovered } from '../../bot/domain/calendar';
import { calendarWarnings } from '../../bot/domain/calendarWarnings';
import { localDate, weekKey, zonedInstant } from '../../bot/domain/localTime';
import { isBlocker, roundCloseInstant, standupDay } from '../../bot/domain/standupSchedule';
import { parseCommand } from '../../bot/conversations/commands';

const times = { weekday: 5, promptTime: '16:00', reminderTime: '18:00', closeWeekday: 1, closeTime: '10:00' };
const cal = new WorkCalendar();

describe('working-day calendar', () => {
  it.each([
    ['2026-11-27', true, 'an ordinary Friday'],
    ['2026-11-28', false, 'an ordinary Saturday'],
    ['2026-10-02', false, 'National Day'],
    ['2026-10-10', true, 'make-up Saturday after National Day'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-16', false, 'Spring Festival'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cal.isCompanyWorkday(date)).toBe(expected);
  });

  it('lets company days and leave override the national calendar', () => {
    const company = new WorkCalendar([{ date: '2026-11-27', kind: 'off' }, { date: '2026-11-28', kind: 'work' }]);
    expect(company.isCompanyWorkday('2026-11-27')).toBe(false);
    expect(company.isCompanyWorkday('2026-11-28')).toBe(true);
    expect(cal.isWorkday('2026-11-26', [{ startDate: '2026-11-25', endDate: '2026-11-26' }])).toBe(false);
    expect(cal.nextWorkday('2026-02-15')).toBe('2026-02-24');
  });

  it('knows which years the national data covers and warns about the coming one from October', () => {
    expect(nationalYearCovered(2026)).toBe(true);
    expect(nationalYearCovered(2099)).toBe(false);
    const warnings = calendarWarnings(new Date('2098-11-01T00:00:00Z'));
    expect(warnings.map((w) => w.params.year)).toEqual([2098, 2099]);
    expect(calendarWarnings(new Date('2026-03-01T00:00:00Z'))).toEqual([]);
  });
});

describe('standup schedule', () => {
  it.each([
    ['2026-11-23', '2026-11-27', 'Friday of an ordinary week'],
    ['2026-09-28', '2026-09-30', 'Friday is National Day: the last working day before it'],
    ['2026-10-05', '2026-10-09', 'week after National Day with a make-up Saturday: still Friday'],
  ])('week of %s asks on %s (%s)', (anyDay, expected) => {
    expect(standupDay(anyDay, times, cal)).toBe(expected);
  });

  it('does not move a person on leave to another day', () => {
    expect(standupDay('2026-11-25', times, cal, [{ startDate: '2026-11-27', endDate: '2026-11-27' }])).toBeNull();
  });

  it('closes on the next working day after the configured one', () => {
    expect(roundCloseInstant('2026-11-27', times, cal, 'Asia/Shanghai').toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(roundCloseInstant('2026-02-13', times, cal, 'Asia/Shanghai').toISOString()).toBe('2026-02-24T02:00:00.000Z');
  });

  it('computes wall-clock times across a DST change', () => {
    // Los Angeles: PDT (UTC-7) on Friday 30 Oct 2026, PST (UTC-8) on Friday 6 Nov 2026.
    expect(zonedInstant('2026-10-30', '16:00', 'America/Los_Angeles').toISOString()).toBe('2026-10-30T23:00:00.000Z');
    expect(zonedInstant('2026-11-06', '16:00', 'America/Los_Angeles').toISOString()).toBe('2026-11-07T00:00:00.000Z');
    expect(localDate(new Date('2026-11-27T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-28');
    expect(weekKey('2026-11-27')).toBe('2026-W48');
    expect(weekKey('2027-01-01')).toBe('2026-W53');
  });

  it.each([
    ['无', false], ['没有', false], ['None.', false], ['  ', false], ['n/a', false], ['暂无', false],
    ['测试环境不稳定', true], ['Waiting on design review', true], ['没有测试环境', true],
  ])('"%s" is a blocker: %s', (answer, expected) => {
    expect(isBlocker(answer)).toBe(expected);
  });
});

describe('chat commands', () => {
  it.each([
    ['积分', { name: 'points' }], ['Points', { name: 'points' }], ['/help', { name: 'help' }], ['帮助', { name: 'help' }],
    ['修改 2', { name: 'edit', n: 2 }], ['edit3', { name: 'edit', n: 3 }], ['跳过', { name: 'skip' }], ['站会', { name: 'standup' }],
    ['完成了积分页面', undefined],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
