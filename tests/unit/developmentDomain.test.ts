import { describe, expect, it } from 'vitest';
import { completionOf, milestoneDates, normaliseMilestone, pathTemplateSchema } from '../../bot/domain/developmentPath';
import { matchMentors, type MentorFacts } from '../../bot/domain/mentorMatch';
import { problemsOf } from '../../bot/domain/problems';

describe('development path templates', () => {
  it('lists every problem of a bad template with its field and code', () => {
    const r = pathTemplateSchema.safeParse({
      name: '',
      kind: 'holiday',
      durationWeeks: 2,
      milestones: [{ title: '课程', offsetDays: 10 }, { title: { 'zh-CN': '专项' }, offsetDays: 9 }, { title: '写作', offsetDays: 30 }],
    });
    expect(r.success).toBe(false);
    const problems = problemsOf(r.error!.issues).map((p) => `${p.field}:${p.code}`);
    expect(problems).toEqual(expect.arrayContaining(['name:too_small', 'kind:invalid_value', 'milestones.1.title:invalid_union']));
    // the cross-field rules run once the shape is right: order and the duration
    const ordered = pathTemplateSchema.safeParse({ name: 'x', kind: 'course', durationWeeks: 2, milestones: [{ title: 'a', offsetDays: 10 }, { title: 'b', offsetDays: 9 }, { title: 'c', offsetDays: 30 }] });
    expect(problemsOf(ordered.error!.issues).map((p) => `${p.field}:${p.code}`)).toEqual(['milestones.1.offsetDays:not_after_previous', 'milestones.2.offsetDays:beyond_duration']);
  });

  it('takes one text for both languages and dates milestones from the start', () => {
    expect(normaliseMilestone({ title: '系统设计课程', offsetDays: 28 })).toEqual({ title: { 'zh-CN': '系统设计课程', en: '系统设计课程' }, offsetDays: 28, description: null });
    const ms = [normaliseMilestone({ title: 'a', offsetDays: 28 }), normaliseMilestone({ title: 'b', offsetDays: 56 })];
    expect(milestoneDates('2026-11-30', 10, ms)).toEqual({ due: ['2026-12-28', '2027-01-25'], endDate: '2027-02-08' });
    expect(completionOf(1, 3)).toBe(0.333);
    expect(completionOf(0, 0)).toBeNull();
  });
});

describe('mentor matching', () => {
  const base: Omit<MentorFacts, 'personId' | 'name'> = { department: '研发中心/后端组', since: '2016-01-01', skills: { 系统设计: 5, 技术文档: 4 }, activeMentees: 0, inMenteeChain: false, belowMentee: false };
  const mentee = { personId: 1, since: '2022-01-01', skills: { 系统设计: 4, 技术文档: 3 } };
  const settings = { capacity: 3, separateLine: true, today: '2026-11-29' };

  it('scores shared high skills and seniority, and explains both', () => {
    const { proposals } = matchMentors(mentee, [
      { ...base, personId: 2, name: '甲' },
      { ...base, personId: 3, name: '乙', since: '2021-01-01', skills: { 系统设计: 4, 客户沟通: 5 } },
      { ...base, personId: 4, name: '丙', skills: { 系统设计: 3 } }, // no high shared skill: no candidate
    ], settings);
    expect(proposals.map((p) => p.personId)).toEqual([2, 3]);
    // 系统设计 5 + 1 ahead, 技术文档 4 + 1 ahead, 6 more years → +3 (half a point a year, at most 5)
    expect(proposals[0].score).toBe(14);
    expect(proposals[0].reasons).toEqual([
      { code: 'shared_skill', params: { skill: '技术文档', mentor: 4, mentee: 3 } },
      { code: 'shared_skill', params: { skill: '系统设计', mentor: 5, mentee: 4 } },
      { code: 'seniority', params: { years: 6 } },
    ]);
    expect(proposals[1]).toMatchObject({ score: 4.5, reasons: [{ code: 'shared_skill', params: { skill: '系统设计', mentor: 4, mentee: 4 } }, { code: 'seniority', params: { years: 1 } }] });
  });

  it('never proposes a full mentor or one in the reporting line, and says why', () => {
    const { proposals, excluded } = matchMentors(mentee, [
      { ...base, personId: 2, name: 'full', activeMentees: 3 },
      { ...base, personId: 3, name: 'manager', inMenteeChain: true },
      { ...base, personId: 4, name: 'report', belowMentee: true },
      { ...base, personId: 5, name: 'free', activeMentees: 2 },
    ], settings);
    expect(proposals.map((p) => p.name)).toEqual(['free']);
    expect(Object.fromEntries(excluded.map((p) => [p.name, p.excluded]))).toEqual({
      full: [{ code: 'at_capacity', params: { mentees: 3, capacity: 3 } }],
      manager: [{ code: 'manager_chain', params: {} }],
      report: [{ code: 'reports_to_mentee', params: {} }],
    });
    // the reporting-line rule is a setting; capacity is not
    const open = matchMentors(mentee, [{ ...base, personId: 3, name: 'manager', inMenteeChain: true }, { ...base, personId: 2, name: 'full', activeMentees: 3 }], { ...settings, separateLine: false });
    expect(open.proposals.map((p) => p.name)).toEqual(['manager']);
    expect(open.excluded.map((p) => p.name)).toEqual(['full']);
  });
});
