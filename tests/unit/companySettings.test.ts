import { describe, expect, it } from 'vitest';
import { applyPatch, companySettingsSchema, inPilotScope, overrideFor, settingsPatchSchema, type CompanySettings } from '../../bot/domain/companySettings';
import { problemsOf } from '../../bot/domain/problems';

const BASE: CompanySettings = {
  standup: { enabled: true, questions: [{ 'zh-CN': '甲', en: 'A' }, { 'zh-CN': '乙', en: 'B', blocker: true }], weekday: 5, promptTime: '16:00', reminderTime: '18:00', closeWeekday: 1, closeTime: '10:00', digestChannel: null },
  standupOverrides: [],
  points: { standupOnTime: 1, checkinOnTime: 1 },
  leaderboard: { time: '17:00', topPercent: 10, announceChannel: 'general' },
  reviews: { openTime: '09:00', managerLeadDays: 3, remindAfterDays: 2, appealDays: 7, appealResponseDays: 5 },
  pilot: { departments: null },
  talent: { profileVisibleToSelf: false },
};

describe('company settings rules', () => {
  it('the nearest department override wins; none outside', () => {
    const overrides = [{ department: '研发中心' }, { department: '研发中心/后端组', weekday: 4 }, { department: '研发' }];
    expect(overrideFor(overrides, '研发中心/后端组/数据库')?.department).toBe('研发中心/后端组');
    expect(overrideFor(overrides, '研发中心/前端组')?.department).toBe('研发中心');
    expect(overrideFor(overrides, '研发中心')?.department).toBe('研发中心');
    expect(overrideFor(overrides, '销售部')).toBeUndefined();
    expect(overrideFor(overrides, null)).toBeUndefined();
  });

  it('the pilot covers its departments and below, not look-alike names, and nobody without a department', () => {
    expect(inPilotScope(null, null)).toBe(true);
    expect(inPilotScope(['销售部'], '销售部/华东')).toBe(true);
    expect(inPilotScope(['销售部'], '销售部二组')).toBe(false);
    expect(inPilotScope(['销售部'], null)).toBe(false);
  });

  it('merges a change section by section and replaces lists whole', () => {
    const patch = settingsPatchSchema.parse({ standup: { promptTime: '15:00' }, pilot: { departments: ['销售部'] } });
    const next = companySettingsSchema.parse(applyPatch(BASE, patch));
    expect(next.standup).toEqual({ ...BASE.standup, promptTime: '15:00' });
    expect(next.pilot.departments).toEqual(['销售部']);
    expect(next.points).toEqual(BASE.points);
  });

  it('lists every problem with a code and its values for the console to translate', () => {
    const result = companySettingsSchema.safeParse({
      ...BASE,
      standup: { ...BASE.standup, promptTime: '9:5', questions: [{ 'zh-CN': 'x', en: 'y', blocker: true }, { 'zh-CN': 'x', en: 'y', blocker: true }] },
      leaderboard: { ...BASE.leaderboard, topPercent: 150, announceChannel: 'two words' },
      standupOverrides: [{ department: 'A' }, { department: 'A' }],
    });
    expect(result.success).toBe(false);
    const problems = problemsOf(result.error!.issues);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'standup.promptTime', code: 'time' }),
        expect.objectContaining({ field: 'standup.questions', code: 'one_blocker' }),
        expect.objectContaining({ field: 'leaderboard.topPercent', code: 'too_big', params: expect.objectContaining({ maximum: 100, origin: 'number' }) }),
        expect.objectContaining({ field: 'leaderboard.announceChannel', code: 'channel' }),
        expect.objectContaining({ field: 'standupOverrides', code: 'duplicate_department' }),
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});
