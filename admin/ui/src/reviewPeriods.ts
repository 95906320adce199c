import { dateOf, daysInMonth } from './dates';

export type CycleKind = 'monthly' | 'quarterly' | 'annual';

/** The month, quarter or year that holds `today` (YYYY-MM-DD), as a cycle's period: first and last day. */
export function periodAround(kind: CycleKind, today: string): { periodStart: string; periodEnd: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'annual') return { periodStart: dateOf(year, 1, 1), periodEnd: dateOf(year, 12, 31) };
  const first = kind === 'quarterly' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const last = kind === 'quarterly' ? first + 2 : month;
  return { periodStart: dateOf(year, first, 1), periodEnd: dateOf(year, last, daysInMonth(year, last)) };
}

/**
 * The metric period key a cycle reads first: `2026-10` for a monthly cycle, `2026-Q4` for a quarterly one. The
 * metric store keeps no year key, so an annual cycle reads its months: its first month is where a correction starts.
 */
export function cyclePeriodKey(kind: CycleKind, periodStart: string): string {
  const month = Number(periodStart.slice(5, 7));
  return kind === 'quarterly' ? `${periodStart.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}` : periodStart.slice(0, 7);
}

/** A cycle's kind when only its period is known: one month → monthly, a whole calendar year → annual, else quarterly. */
export const kindOfPeriod = (periodStart: string, periodEnd: string): CycleKind =>
  periodStart.slice(0, 7) === periodEnd.slice(0, 7)
    ? 'monthly'
    : periodStart.slice(5) === '01-01' && periodEnd.slice(5) === '12-31' && periodStart.slice(0, 4) === periodEnd.slice(0, 4)
      ? 'annual'
      : 'quarterly';
