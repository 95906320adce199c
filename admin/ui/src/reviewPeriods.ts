import { dateOf, daysInMonth } from './dates';

export type CycleKind = 'monthly' | 'quarterly';

/** The month or the quarter that holds `today` (YYYY-MM-DD), as a cycle's period: first and last day. */
export function periodAround(kind: CycleKind, today: string): { periodStart: string; periodEnd: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = kind === 'quarterly' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const last = kind === 'quarterly' ? first + 2 : month;
  return { periodStart: dateOf(year, first, 1), periodEnd: dateOf(year, last, daysInMonth(year, last)) };
}

/** The metric period key a cycle reads first: `2026-10` for a monthly cycle, `2026-Q4` for a quarterly one. */
export function cyclePeriodKey(kind: CycleKind, periodStart: string): string {
  const month = Number(periodStart.slice(5, 7));
  return kind === 'quarterly' ? `${periodStart.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}` : periodStart.slice(0, 7);
}

/** A cycle's kind when only its period is known: one month → monthly, else quarterly. */
export const kindOfPeriod = (periodStart: string, periodEnd: string): CycleKind =>
  periodStart.slice(0, 7) === periodEnd.slice(0, 7) ? 'monthly' : 'quarterly';
