import chineseDays from 'chinese-days';
import { addLocalDays, isoWeekday } from './localTime';

export interface CompanyDay {
  date: string;
  kind: 'off' | 'work';
}

export interface LeaveSpan {
  startDate: string;
  endDate: string;
}

/**
 * Working-day calendar: weekends, mainland China public holidays and make-up workdays (chinese-days),
 * then company-specific days on top. Leave is per person and passed in.
 */
export class WorkCalendar {
  private readonly company: Map<string, 'off' | 'work'>;

  constructor(companyDays: CompanyDay[] = []) {
    this.company = new Map(companyDays.map((d) => [d.date, d.kind]));
  }

  /** True when `date` is a working day for the company (ignoring anyone's leave). */
  isCompanyWorkday(date: string): boolean {
    const own = this.company.get(date);
    if (own) return own === 'work';
    if (nationalYearCovered(Number(date.slice(0, 4)))) return chineseDays.getDayDetail(date).work;
    const weekday = isoWeekday(date);
    return weekday <= 5;
  }

  isWorkday(date: string, leaves: LeaveSpan[] = []): boolean {
    return this.isCompanyWorkday(date) && !leaves.some((l) => l.startDate <= date && date <= l.endDate);
  }

  /** The first working day on or after `date` (bounded: a calendar never has a month off). */
  nextWorkday(date: string, leaves: LeaveSpan[] = []): string {
    let d = date;
    for (let i = 0; i < 60 && !this.isWorkday(d, leaves); i++) d = addLocalDays(d, 1);
    return d;
  }
}

const coverage = new Map<number, boolean>();

/** Whether chinese-days holds the State Council's published holidays for that year. */
export function nationalYearCovered(year: number): boolean {
  let known = coverage.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coverage.set(year, known);
  }
  return known;
}
