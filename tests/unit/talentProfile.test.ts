import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../bot/domain/ratingScale';
import { nineBoxLevel } from '../../bot/domain/nineBox';
import { goalAttainment, gradePoints, otherDepartment, periodLabel, projectOf } from '../../bot/domain/talentProfile';

describe('talent profile rules', () => {
  it('grades as points: S 5 … D 1, unknown null', () => {
    expect(['S', 'A', 'B', 'C', 'D'].map((g) => gradePoints(DEFAULT_SCALE, g))).toEqual([5, 4, 3, 2, 1]);
    expect(gradePoints(DEFAULT_SCALE, 'X')).toBeNull();
    expect(gradePoints(DEFAULT_SCALE, null)).toBeNull();
  });

  it('names goal periods as people say them', () => {
    expect(periodLabel('2024-01-01', '2024-12-31')).toBe('2024');
    expect(periodLabel('2024-04-01', '2024-06-30')).toBe('2024-Q2');
    expect(periodLabel('2024-02-01', '2024-02-29')).toBe('2024-02');
    expect(periodLabel('2024-02-01', '2024-04-30')).toBe('2024-02-01…2024-04-30');
    expect(periodLabel('2026-09-28', '2026-12-27')).toBe('2026-09-28…2026-12-27');
  });

  it('goal attainment: weighted per period, each goal capped at 1, mean and population variance of the periods', () => {
    const g = (start: string, end: string, weight: number, progress: number) => ({ periodStart: start, periodEnd: end, weight, progress });
    const r = goalAttainment([
      g('2025-01-01', '2025-12-31', 1, 1.4), // capped at 1
      g('2025-01-01', '2025-12-31', 3, 0.6),
      g('2024-01-01', '2024-12-31', 1, 0.5),
      g('2024-01-01', '2024-12-31', 0, 1), // no weight, no say while another goal has weight
    ]);
    expect(r.periods).toEqual([{ period: '2024', attainment: 0.5 }, { period: '2025', attainment: 0.7 }]);
    expect(r.mean).toBe(0.6);
    expect(r.variance).toBe(0.01);
    expect(goalAttainment([g('2025-01-01', '2025-12-31', 0, 0.4), g('2025-01-01', '2025-12-31', 0, 0.8)]).periods).toEqual([{ period: '2025', attainment: 0.6 }]);
    expect(goalAttainment([])).toEqual({ periods: [], mean: null, variance: null });
  });

  it('projects from work items: Jira key prefix, TAPD workspace', () => {
    expect(projectOf('jira', 'INFRA-12', null)).toBe('jira:INFRA');
    expect(projectOf('jira', 'jira:PAY-3', null)).toBe('jira:PAY');
    expect(projectOf('jira', 'NOKEY', null)).toBeNull();
    expect(projectOf('tapd', 'story:1151081496001028684', '51081496')).toBe('tapd:51081496');
    expect(projectOf('tapd', 'bug:1', null)).toBeNull();
    expect(projectOf('crm', 'D-1', null)).toBeNull();
  });

  it('another department is neither the same line up nor down', () => {
    expect(otherDepartment('研发中心/基础架构组', '研发中心')).toBe(false);
    expect(otherDepartment('研发中心', '研发中心/基础架构组')).toBe(false);
    expect(otherDepartment('研发中心/基础架构组', '研发中心/基础架构组')).toBe(false);
    expect(otherDepartment('研发中心/基础架构组', '产品部')).toBe(true);
    expect(otherDepartment('研发中心/后端组', '研发中心/前端组')).toBe(true);
    expect(otherDepartment('研发中心', '研发中心2')).toBe(true);
    expect(otherDepartment(null, '产品部')).toBe(false);
  });

  it('9-box levels: S and A high, B medium, C and D low', () => {
    expect(['S', 'A', 'B', 'C', 'D', 'X', null].map((g) => nineBoxLevel(DEFAULT_SCALE, g))).toEqual(['high', 'high', 'medium', 'low', 'low', null, null]);
  });
});
