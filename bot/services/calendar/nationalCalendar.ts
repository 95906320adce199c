import { nationalDays, nationalYearCovered, type NationalDay } from '../../domain/nationalDays';

export interface NationalCalendar {
  year: number;
  /** False while the State Council's notice for the year is not in chinese-days: the days are provisional. */
  published: boolean;
  days: NationalDay[];
}

/**
 * China's national days of a year as the working-day calendar uses them, for the console's calendar page (beside
 * the company days): the published holidays and make-up workdays, or the provisional statutory days off.
 */
export function nationalCalendar(year: number): NationalCalendar {
  return { year, published: nationalYearCovered(year), days: nationalDays(year) };
}
