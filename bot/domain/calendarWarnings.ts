import { nationalYearCovered } from './calendar';

export interface Warning {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

/**
 * The national holiday data only reaches the years the State Council has published. From October on,
 * warn when next year is missing (and always when this year is): its statutory days are provisional (computed
 * from the lunar calendar) and its make-up workdays unknown, so admins can enter them as company days.
 */
export function calendarWarnings(now: Date): Warning[] {
  const year = now.getUTCFullYear();
  const missing = [year, year + 1].filter((y) => (y === year || now.getUTCMonth() >= 9) && !nationalYearCovered(y));
  return missing.map((y) => ({
    code: 'holidays_missing',
    params: { year: y },
    message: `China's public holidays for ${y} are not published in the calendar data yet (chinese-days): the statutory days off are provisional, computed from the lunar calendar, and the make-up workdays (调休) are unknown. Enter the ${y} make-up days and any extra days off as company days in the meantime.`,
  }));
}
