import { nationalYearCovered } from './calendar';

export interface Warning {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

/**
 * The national holiday data only reaches the years the State Council has published. From October on,
 * warn when next year is missing (and always when this year is), so admins can enter company holidays.
 */
export function calendarWarnings(now: Date): Warning[] {
  const year = now.getUTCFullYear();
  const missing = [year, year + 1].filter((y) => (y === year || now.getUTCMonth() >= 9) && !nationalYearCovered(y));
  return missing.map((y) => ({
    code: 'holidays_missing',
    params: { year: y },
    message: `China's public holidays for ${y} are not in the calendar data yet (chinese-days); weekends only until they are published. Add company holidays for ${y} in the meantime.`,
  }));
}
