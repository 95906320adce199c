import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../bot/domain/ratingScale';
import { nineBoxLevel } from '../../bot/domain/nineBox';
import { explainProfile, goalAttainment, gradeOfPoints, gradePoints, otherDepartment, periodLabel, projectOf, type TalentProfile } from '../../bot/domain/talentProfile';
import { t } from '../../bot/i18n';

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

  it('explains a profile item by item in both languages', () => {
    const result = (year: number, grade: string, points: number, managerGrade: string | null) => ({
      cycleId: year, cycleName: `${year} 年度考核`, kind: 'annual' as const, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, grade, points, managerGrade, potential: 5,
    });
    const profile: TalentProfile = {
      personId: 1,
      results: [result(2023, 'A', 4, null), result(2024, 'A', 4, 'B'), result(2025, 'S', 5, null)],
      years: [{ year: 2023, cycleId: 2023, grade: 'A', points: 4 }, { year: 2024, cycleId: 2024, grade: 'A', points: 4 }, { year: 2025, cycleId: 2025, grade: 'S', points: 5 }],
      goals: { periods: [{ period: '2024', attainment: 0.9 }, { period: '2025', attainment: 1 }], mean: 0.95, variance: 0.0025 },
      onTimeRate: 0.875,
      collaboration: { sharedGoals: 2, projects: 3 },
      skills: [{ skill: '系统设计', scores: [{ cycleId: 2024, periodEnd: '2024-12-31', points: 4 }, { cycleId: 2025, periodEnd: '2025-12-31', points: 5 }], latest: 5, mean: 4.5 }],
      potential: 5,
    };
    expect(explainProfile(profile, DEFAULT_SCALE, 'zh-CN', t)).toEqual([
      '年度绩效：2023 A、2024 A、2025 S',
      '校准或申诉调整：2024 年度考核 B → A',
      '目标达成：平均 95%（2024 90%、2025 100%），各期波动 ±5 个百分点',
      '按时更新率：88%（站会与目标进展，近三年）',
      '跨团队协作：2 个目标与其他部门共享，参与 3 个项目（Jira/TAPD）',
      '系统设计 4.5（最近 S，共 2 次评分）',
      '潜力：最近 S（高）',
    ]);
    expect(explainProfile({ ...profile, results: [], years: [], goals: { periods: [], mean: null, variance: null }, onTimeRate: null, skills: [], potential: null }, DEFAULT_SCALE, 'en', t)).toEqual([
      'Annual results: no released annual review yet',
      'Goal attainment: no individual goal ended in the last three years',
      'On-time updates: no standup or check-in was due in the last three years',
      'Cross-team work: 2 goal(s) shared with other departments, 3 project(s) worked in (Jira/TAPD)',
      'Skills: the templates tag no rating question with a skill',
      'Potential: not rated yet',
    ]);
    expect(gradeOfPoints(DEFAULT_SCALE, 4)).toBe('A');
    expect(gradeOfPoints(DEFAULT_SCALE, 0)).toBeNull();
  });
});

