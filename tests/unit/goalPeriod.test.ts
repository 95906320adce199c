import { describe, expect, it } from 'vitest';
import { GOAL_PERIOD_PATTERN, inGoalPeriod, parseGoalPeriod } from '../../bot/domain/goalPeriod';

const year2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };
const q4 = { periodStart: '2026-10-01', periodEnd: '2026-12-31' };
const spanning = { periodStart: '2025-07-01', periodEnd: '2026-06-30' };

describe('goal period', () => {
  it('current keeps a goal until the day after its period ends', () => {
    expect(inGoalPeriod(q4, 'current', '2026-12-31')).toBe(true);
    expect(inGoalPeriod(q4, 'current', '2027-01-01')).toBe(false);
    expect(inGoalPeriod(year2025, 'current', '2026-11-23')).toBe(false);
    expect(inGoalPeriod(q4, 'current', '2026-01-01')).toBe(true); // not started yet, not ended either
  });

  it('current keeps a development milestone past its due day while it is asked and not done', () => {
    const milestone = { periodStart: '2026-09-01', periodEnd: '2026-10-31', kind: 'development', status: null, nextCheckpoint: '2026-10-31' };
    expect(inGoalPeriod(milestone, 'current', '2026-11-23')).toBe(true);
    expect(inGoalPeriod({ ...milestone, nextCheckpoint: null }, 'current', '2026-11-23')).toBe(false); // cancelled: nothing asked
    expect(inGoalPeriod({ ...milestone, status: 'done' }, 'current', '2026-11-23')).toBe(false);
    expect(inGoalPeriod({ ...milestone, kind: 'performance' }, 'current', '2026-11-23')).toBe(false);
  });

  it('a year keeps every goal whose period overlaps it; all keeps everything', () => {
    expect([year2025, q4, spanning].map((g) => inGoalPeriod(g, 2025, '2026-11-23'))).toEqual([true, false, true]);
    expect([year2025, q4, spanning].map((g) => inGoalPeriod(g, 2026, '2026-11-23'))).toEqual([false, true, true]);
    expect([year2025, q4, spanning].every((g) => inGoalPeriod(g, 'all', '2026-11-23'))).toBe(true);
  });

  it('reads ?period= as current by default, all, or a four-digit year', () => {
    expect([undefined, 'current', 'all', '2024'].map(parseGoalPeriod)).toEqual(['current', 'current', 'all', 2024]);
    expect(['current', 'all', '2024'].every((s) => GOAL_PERIOD_PATTERN.test(s))).toBe(true);
    expect(['', 'past', '24', '20245', ' 2024'].some((s) => GOAL_PERIOD_PATTERN.test(s))).toBe(false);
  });
});
