/**
 * Issue 13 item 9: China's statutory days of a year the State Council has not published yet, computed from the
 * lunar calendar (lunar-javascript) and marked provisional; published years come from chinese-days.
 */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../bot/domain/calendar';
import { calendarWarnings } from '../../bot/domain/calendarWarnings';
import { nationalDays, nationalYearCovered, statutoryHolidays } from '../../bot/domain/nationalDays';

const datesOf = (year: number, zh: string) => statutoryHolidays(year).filter((d) => d.name['zh-CN'].includes(zh)).map((d) => d.date);

describe('statutory days from the lunar calendar', () => {
  it.each([
    // year, festival, dates (2027: 除夕 5 February, as the issue states; 2028: Chinese New Year 26 January)
    [2027, '元旦', ['2027-01-01']],
    [2027, '春节', ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']],
    [2027, '清明', ['2027-04-05']],
    [2027, '劳动节', ['2027-05-01', '2027-05-02']],
    [2027, '端午', ['2027-06-09']],
    [2027, '中秋', ['2027-09-15']],
    [2027, '国庆', ['2027-10-01', '2027-10-02', '2027-10-03']],
    [2028, '春节', ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']],
    [2028, '清明', ['2028-04-04']],
    [2028, '端午', ['2028-05-28']],
    [2028, '中秋', ['2028-10-03']],
  ])('%i %s → %j', (year, festival, dates) => {
    expect(datesOf(year, festival)).toEqual(dates);
  });

  it('gives 13 days, all off and provisional; a festival inside another makes one day with both names', () => {
    const y2027 = statutoryHolidays(2027);
    expect(y2027).toHaveLength(13);
    expect(y2027.every((d) => d.kind === 'off' && d.provisional)).toBe(true);
    expect(y2027[1]).toEqual({ date: '2027-02-05', name: { 'zh-CN': '春节', en: 'Spring Festival' }, kind: 'off', provisional: true });
    // 2028: 中秋 falls on 3 October, inside 国庆
    const y2028 = statutoryHolidays(2028);
    expect(y2028).toHaveLength(12);
    expect(y2028.find((d) => d.date === '2028-10-03')!.name).toEqual({ 'zh-CN': '中秋节、国庆节', en: 'Mid-autumn Festival / National Day' });
  });

  it.each([2025, 2026])('agrees with the published %i notice: every computed day is an official day off', (year) => {
    expect(nationalYearCovered(year)).toBe(true);
    const official = new Map(nationalDays(year).map((d) => [d.date, d]));
    for (const day of statutoryHolidays(year)) {
      expect(official.get(day.date), `${day.date} ${day.name['zh-CN']}`).toMatchObject({ kind: 'off', provisional: false });
    }
  });
});

describe('national days of a year', () => {
  it('reads a published year from chinese-days: holidays and make-up workdays, not provisional', () => {
    const days = nationalDays(2026);
    expect(days.find((d) => d.date === '2026-02-16')).toEqual({ date: '2026-02-16', name: { 'zh-CN': '春节', en: 'Spring Festival' }, kind: 'off', provisional: false });
    expect(days.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'work', name: { 'zh-CN': '春节' } });
    expect(days.some((d) => d.date === '2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('computes a year the installed chinese-days does not publish yet (2027 at this version), with no make-up days', () => {
    expect(nationalYearCovered(2027)).toBe(false);
    const days = nationalDays(2027);
    expect(days).toEqual(statutoryHolidays(2027));
    expect(days.some((d) => d.kind === 'work')).toBe(false);
  });
});

describe('the working-day calendar of an unpublished year', () => {
  const cal = new WorkCalendar();
  it.each([
    ['2027-01-01', false, '元旦, a Friday'],
    ['2027-02-05', false, '除夕, a Friday'],
    ['2027-02-08', false, '春节 day 4, a Monday'],
    ['2027-02-09', true, 'the Tuesday after: no bridge days until the notice'],
    ['2027-04-05', false, '清明, a Monday'],
    ['2027-06-09', false, '端午, a Wednesday'],
    ['2027-09-15', false, '中秋, a Wednesday'],
    ['2027-10-01', false, '国庆, a Friday'],
    ['2027-10-04', true, 'the Monday after 国庆: provisional rule gives 3 days'],
    ['2027-02-20', false, 'a Saturday: make-up days unknown'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cal.isCompanyWorkday(date)).toBe(expected);
  });

  it('lets company days override the provisional ones, and still warns that the year is provisional', () => {
    const company = new WorkCalendar([{ date: '2027-02-08', kind: 'work' }, { date: '2027-02-20', kind: 'work' }]);
    expect(company.isCompanyWorkday('2027-02-08')).toBe(true);
    expect(company.isCompanyWorkday('2027-02-20')).toBe(true);
    const [warning] = calendarWarnings(new Date('2026-10-15T00:00:00Z'));
    expect(warning).toMatchObject({ code: 'holidays_missing', params: { year: 2027 } });
    expect(warning.message).toContain('provisional');
  });
});
