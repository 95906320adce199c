import chineseDays from 'chinese-days';
import { addLocalDays, isoWeekday } from './localTime';
import { nationalYearCovered, provisionalDaysOff } from './nationalDays';

export { nationalYearCovered };

export interface CompanyDay {
  date: string;
  kind: 'off' | 'work';
}

export interface LeaveSpan {
  startDate: string;
  endDate: string;
}

/**
 * Working-day calendar: weekends, mainland China public holidays and make-up workdays (chinese-days) — for a year
 * not published yet, the provisional statutory days computed from the lunar calendar (nationalDays.ts) — then
 * company-specific days on top. Leave is per person and passed in.
 */
export class WorkCalendar {
  private readonly company: Map<string, 'off' | 'work'>;
  /** Scheduler passes ask about the same few dates thousands of times. */
  private readonly memo = new Map<string, boolean>();
  private readonly spans = new Map<string, number>();

  constructor(companyDays: CompanyDay[] = []) {
    this.company = new Map(companyDays.map((d) => [d.date, d.kind]));
  }

  /** True when `date` is a working day for the company (ignoring anyone's leave). */
  isCompanyWorkday(date: string): boolean {
    let work = this.memo.get(date);
    if (work === undefined) {
      const own = this.company.get(date);
      if (own) work = own === 'work';
      else if (nationalYearCovered(Number(date.slice(0, 4)))) work = chineseDays.getDayDetail(date).work;
      else work = isoWeekday(date) <= 5 && !provisionalDaysOff(Number(date.slice(0, 4))).has(date);
      this.memo.set(date, work);
    }
    return work;
  }

  isWorkday(date: string, leaves: LeaveSpan[] = []): boolean {
    return this.isCompanyWorkday(date) && !leaves.some((l) => l.startDate <= date && date <= l.endDate);
  }

  /** Working days d with from < d <= to, ignoring leave; memoised, since a pass asks the same few pairs. */
  workdaysBetween(from: string, to: string): number {
    const key = `${from}|${to}`;
    let n = this.spans.get(key);
    if (n === undefined) {
      n = 0;
      for (let d = addLocalDays(from, 1), i = 0; d <= to && i < 400; d = addLocalDays(d, 1), i++) if (this.isCompanyWorkday(d)) n++;
      this.spans.set(key, n);
    }
    return n;
  }

  /** The first working day on or after `date` (bounded: a calendar never has a month off). */
  nextWorkday(date: string, leaves: LeaveSpan[] = []): string {
    let d = date;
    for (let i = 0; i < 60 && !this.isWorkday(d, leaves); i++) d = addLocalDays(d, 1);
    return d;
  }
}
