/**
 * The talent profile computed from the seeded demo history (issue 16): the source case's example person 吴蕾鹏 is A
 * in each of the last three annual cycles (2024 raised from B in calibration), rated high on 系统设计 and 技术文档
 * with high potential, and every item of his profile is what the stored rows say. Batched: the profiles of the
 * whole company take the same number of statements as one person's, and each equals the one computed alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHITECT_EXAMPLE_EMAIL, talentYears } from '../../db/seed/demoTalent';
import { progressPercent } from '../../bot/domain/goalProgress';
import { profileWindow, talentProfiles } from '../../bot/services/talent/talentProfiles';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';

const NOW = '2026-11-25T04:00:00Z';

describe('talent profile from the demo history', () => {
  let t: TestApp;
  let example: number;
  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock(NOW), env: { DEMO_DATA: 'on' } });
    example = t.sql<{ id: number }>(`select id from people where email = ?`, ARCHITECT_EXAMPLE_EMAIL)[0].id;
  }, 120_000);
  afterAll(async () => {
    await t.destroy();
  });

  it('seeds three released annual cycles for the last three full years, everyone rated, a few grades calibrated', () => {
    expect(talentYears(new Date(NOW), 'Asia/Shanghai')).toEqual([2023, 2024, 2025]);
    expect(t.sql(`select name, kind, period_start as start, period_end as end, status from review_cycles where kind = 'annual' order by period_start`)).toEqual(
      [2023, 2024, 2025].map((y) => ({ name: `${y} 年度考核`, kind: 'annual', start: `${y}-01-01`, end: `${y}-12-31`, status: 'released' })),
    );
    const active = t.sql<{ n: number }>('select count(*) as n from people where active = 1')[0].n;
    const perCycle = t.sql<{ n: number }>(`select count(*) as n from reviews r join review_cycles c on c.id = r.cycle_id where c.kind = 'annual' group by c.id`);
    expect(perCycle.map((r) => r.n)).toEqual([active, active, active]);
    const grades = Object.fromEntries(t.sql<{ grade: string; n: number }>(`select grade, count(*) as n from reviews r join review_cycles c on c.id = r.cycle_id where c.kind = 'annual' group by grade`).map((g) => [g.grade, g.n]));
    // plausible: B the most common, every grade present, the top two grades a minority
    expect(Object.keys(grades).sort()).toEqual(['A', 'B', 'C', 'D', 'S']);
    expect(grades.B).toBeGreaterThan(grades.A);
    expect(grades.S + grades.A).toBeLessThan(active * 3 * 0.4);
    const changes = t.sql<{ before: string; after: string }>(`select before, after from calibration_changes`);
    expect(changes.length).toBeGreaterThan(10);
    expect(changes.every((c) => c.before !== c.after)).toBe(true);
  });

  it('computes the example person’s profile item by item', () => {
    const profile = talentProfiles(t.app.deps, [example]).get(example)!;
    expect(profile.years).toEqual([
      { year: 2023, cycleId: expect.any(Number), grade: 'A', points: 4 },
      { year: 2024, cycleId: expect.any(Number), grade: 'A', points: 4 },
      { year: 2025, cycleId: expect.any(Number), grade: 'A', points: 4 },
    ]);
    const monthly = t.sql<{ grade: string }>(`select r.grade from reviews r join review_cycles c on c.id = r.cycle_id where c.kind = 'monthly' and r.person_id = ?`, example)[0];
    expect(profile.results.map((r) => [r.cycleName, r.kind, r.grade, r.managerGrade, r.potential])).toEqual([
      ['2023 年度考核', 'annual', 'A', null, 4],
      ['2024 年度考核', 'annual', 'A', 'B', 5],
      ['2025 年度考核', 'annual', 'A', null, 5],
      ['2026-10 月度考核', 'monthly', monthly.grade, null, 4],
    ]);
    expect(profile.skills.map((s) => ({ skill: s.skill, points: s.scores.map((x) => x.points), latest: s.latest, mean: s.mean }))).toEqual([
      { skill: '技术文档', points: [4, 4, 5, 4], latest: 4, mean: 4.25 },
      { skill: '系统设计', points: [4, 5, 5, 4], latest: 4, mean: 4.5 },
    ]);
    expect(profile.potential).toBe(4);
    expect(profile.collaboration).toEqual({ sharedGoals: 3, projects: 4 });

    // goals: one period per year, each the weighted mean of the year's goals capped at 1, recomputed here from the rows
    const goals = t.sql<{ start: string; weight: number; s: number; tgt: number; cur: number }>(
      `select period_start as start, weight, start_value as s, target_value as tgt, current_value as cur from goals where owner_id = ? and level = 'individual' and period_end < '2026-11-25' order by period_start`,
      example,
    );
    const expected = [2023, 2024, 2025].map((y) => {
      const mine = goals.filter((g) => g.start.startsWith(String(y)));
      expect(mine.length).toBe(2);
      const sum = mine.reduce((a, g) => a + g.weight * (progressPercent(g.s, g.tgt, g.cur) / 100), 0);
      return { period: String(y), attainment: Math.round((sum / mine.reduce((a, g) => a + g.weight, 0)) * 1000) / 1000 };
    });
    expect(profile.goals.periods).toEqual(expected);
    const mean = expected.reduce((a, p) => a + p.attainment, 0) / 3;
    expect(profile.goals.mean).toBe(Math.round(mean * 1000) / 1000);
    expect(profile.goals.variance).toBe(Math.round((expected.reduce((a, p) => a + (p.attainment - mean) ** 2, 0) / 3) * 1e6) / 1e6);
    expect(profile.goals.mean!).toBeGreaterThan(0.85);

    // on time: standups answered on time plus checkpoints checked in on time, over all of them due in the window
    const { from, to } = profileWindow(t.app.deps);
    expect({ from, to }).toEqual({ from: '2023-11-25', to: '2026-11-24' });
    const [s] = t.sql<{ due: number; ok: number }>(`select count(*) as due, sum(completed_at is not null and late = 0) as ok from standup_requests where person_id = ? and excused_at is null and due_date between ? and ?`, example, from, to);
    const [c] = t.sql<{ due: number; ok: number }>(`select count(*) as due, sum(cp.on_time = 1) as ok from checkpoints cp join goals g on g.id = cp.goal_id where g.owner_id = ? and cp.due_date between ? and ?`, example, from, to);
    expect(s.due).toBeGreaterThan(5); // eight weeks asked, a week on leave excused
    expect(c.due).toBeGreaterThan(8);
    expect(profile.onTimeRate).toBe(Math.round(((s.ok + (c.ok ?? 0)) / (s.due + c.due)) * 1000) / 1000);
  });

  it('is batched: the whole company in the same statements as one person, each profile the same as alone', () => {
    const ids = t.sql<{ id: number }>('select id from people where active = 1 order by id').map((r) => r.id);
    const client = t.app.db.$client;
    const prepare = client.prepare.bind(client);
    let statements = 0;
    client.prepare = ((sql: string) => {
      statements++;
      return prepare(sql);
    }) as typeof client.prepare;
    try {
      talentProfiles(t.app.deps, [example]);
      const one = statements;
      statements = 0;
      const started = performance.now();
      const all = talentProfiles(t.app.deps, ids);
      const ms = performance.now() - started;
      expect(statements).toBe(one);
      expect(all.size).toBe(ids.length);
      expect(ms).toBeLessThan(2000);
      for (const id of [ids[0], example, ids.at(-1)!]) expect(all.get(id)).toEqual(talentProfiles(t.app.deps, [id]).get(id));
      // everyone has three annual results, and nobody lacks a skill rating who has a skill question (R&D, sales)
      expect([...all.values()].every((p) => p.years.length === 3)).toBe(true);
      const rnd = t.sql<{ id: number }>(`select id from people where active = 1 and job_function = 'rnd'`).map((r) => r.id);
      expect(rnd.every((id) => all.get(id)!.skills.some((s) => s.skill === '系统设计'))).toBe(true);
    } finally {
      client.prepare = prepare;
    }
  });
});
