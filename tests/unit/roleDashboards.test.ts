import { describe, expect, it } from 'vitest';
import { averageDealSize, monthRange, monthsBetween, swing, teamValue } from '../../bot/domain/roleDashboards';

describe('role dashboards (pure rules)', () => {
  it('adds up amounts and averages rates for a team; nothing from nobody', () => {
    expect(teamValue([40, 30], 'sum')).toBe(70);
    expect(teamValue([0.8, 0.9], 'ratio')).toBeCloseTo(0.85);
    expect(teamValue([2, 4], 'mean')).toBe(3);
    expect(teamValue([], 'sum')).toBeNull();
  });

  it('makes the deal size from signed amount and customers, and its swing against the month before', () => {
    expect(averageDealSize(90, 3)).toBe(30);
    expect(averageDealSize(90, 0)).toBeNull();
    expect(averageDealSize(null, 3)).toBeNull();
    expect(swing([20, 30, null, 15, 0, 10])).toEqual([null, 0.5, null, null, -1, null]);
  });

  it('lists the months of a range across a year end, capped', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(monthsBetween('2020-01', '2029-12', 24)).toHaveLength(24);
    expect(monthRange('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });
});
