/**
 * The talent profile computed from the seeded demo history (issue 16): the source case's example person 吴蕾鹏 is A
 * in each of the last three annual cycles (2024 raised from B in calibration), rated high on 系统设计 and 技术文档
 * with high potential, and every item of his profile is what the stored rows say. Batched: the profiles of the
 * whole company take the same number of statements as one person's, and each equals the one computed alone.
 */
import ExcelJS from 'exceljs';
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

  it('serves the profile with its explanation to HR and the whole manager chain; a peer gets 403; the person only when allowed', async () => {
    const who = (email: string) => t.sql<{ id: number }>('select id from people where email = ?', email)[0].id;
    const chain = t.sql<{ email: string }>(
      `with recursive up(id, manager_id, depth) as (select id, manager_id, 0 from people where id = ? union all select p.id, p.manager_id, depth + 1 from people p join up on p.id = up.manager_id)
       select p.email from up join people p on p.id = up.id where depth > 0 order by depth`,
      example,
    ).map((r) => r.email);
    expect(chain.slice(0, 1)).toEqual(['ma.li@demo-saas.cn']);
    expect(chain.length).toBeGreaterThanOrEqual(3); // 马丽, the R&D head, the CEO
    const peer = t.sql<{ email: string }>(`select email from people where manager_id = (select manager_id from people where id = ?) and id != ? order by id limit 1`, example, example)[0].email;

    const hr = await t.request('GET', `/api/talent/people/${example}/profile`);
    expect(hr.status).toBe(200);
    const view = (await hr.json()) as { person: { email: string }; explanation: string[]; boxes: { performance: string; potential: string }[] };
    expect(view.person.email).toBe(ARCHITECT_EXAMPLE_EMAIL);
    expect(view.boxes.slice(0, 3)).toEqual([0, 1, 2].map(() => expect.objectContaining({ performance: 'high', potential: 'high' })));
    // the admin's account reads in the default language (zh-CN)
    expect(view.explanation).toEqual(expect.arrayContaining([
      '年度绩效：2023 A、2024 A、2025 A',
      '校准或申诉调整：2024 年度考核 B → A',
      '系统设计 4.5（最近 A，共 4 次评分）',
      '技术文档 4.25（最近 A，共 4 次评分）',
      '潜力：最近 A（高）',
      '跨团队协作：3 个目标与其他部门共享，参与 4 个项目（Jira/TAPD）',
    ]));
    expect(view.explanation.some((l) => /^目标达成：平均 9\d%（2023 \d+%、2024 \d+%、2025 \d+%），各期波动 ±[\d.]+ 个百分点$/.test(l))).toBe(true);
    expect(view.explanation.some((l) => /^按时更新率：\d+%/.test(l))).toBe(true);

    for (const email of chain) {
      const client = await t.signInAs(email);
      expect((await client.request('GET', `/api/talent/people/${example}/profile`)).status, email).toBe(200);
    }
    const peerClient = await t.signInAs(peer);
    const refused = await peerClient.request('GET', `/api/talent/people/${example}/profile`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const self = await t.signInAs(ARCHITECT_EXAMPLE_EMAIL);
    expect((await self.request('GET', `/api/talent/people/${example}/profile`)).status).toBe(403);
    expect((await self.request('GET', '/api/talent/nine-box')).status).toBe(403);
    const visible = async () => ((await (await self.request('GET', '/api/auth/me')).json()) as { user: { talentProfileVisible: boolean } }).user.talentProfileVisible;
    expect(await visible()).toBe(false);
    expect((await t.request('PATCH', '/api/settings', { talent: { profileVisibleToSelf: true } })).status).toBe(200);
    const own = await self.request('GET', `/api/talent/people/${example}/profile`);
    expect(own.status).toBe(200);
    expect(await visible()).toBe(true);
    // the setting opens a profile to its own person only
    expect((await peerClient.request('GET', `/api/talent/people/${example}/profile`)).status).toBe(403);
    expect((await self.request('GET', `/api/talent/people/${who(peer)}/profile`)).status).toBe(403);
    expect((await t.request('PATCH', '/api/settings', { talent: { profileVisibleToSelf: false } })).status).toBe(200);
    expect((await t.request('GET', '/api/talent/people/999999/profile')).status).toBe(404);
  });

  it('shows the 9-box over time with groups below five hidden, and the moves between years', async () => {
    const res = await t.request('GET', '/api/talent/nine-box');
    expect(res.status).toBe(200);
    type Cell = { performance: string; potential: string; count: number | null; people: { id: number; name: string }[] | null };
    const box = (await res.json()) as { minGroup: number; cycles: { id: number; name: string; cells: Cell[] }[]; transitions: { fromCycleId: number; toCycleId: number; count: number }[]; hiddenMoves: number };
    expect(box.minGroup).toBe(5);
    expect(box.cycles.map((c) => c.name)).toEqual(['2023 年度考核', '2024 年度考核', '2025 年度考核']);
    for (const cycle of box.cycles) {
      const visible = cycle.cells.filter((c) => c.count !== null);
      const hidden = cycle.cells.filter((c) => c.count === null);
      expect(visible.every((c) => c.count! >= 5 && c.people!.length === c.count)).toBe(true);
      expect(hidden.every((c) => c.people === null)).toBe(true);
      // the example person sits in the high × high box each year, by name
      expect(cycle.cells.find((c) => c.performance === 'high' && c.potential === 'high')!.people!.map((p) => p.name)).toContain('吴蕾鹏');
    }
    expect(box.transitions.length).toBeGreaterThan(0);
    expect(box.transitions.every((m) => m.count >= 5)).toBe(true);
    // every one of the 176 moves twice (2023→2024, 2024→2025): shown or hidden
    expect(box.transitions.reduce((s, m) => s + m.count, 0) + box.hiddenMoves).toBe(176 * 2);
    const twoLatest = (await (await t.request('GET', '/api/talent/nine-box?cycles=2&department=研发中心/基础架构组')).json()) as typeof box;
    expect(twoLatest.cycles.map((c) => c.name)).toEqual(['2024 年度考核', '2025 年度考核']);
    // a team of 12: any box with people under five is hidden, names included
    const team = twoLatest.cycles.flatMap((c) => c.cells);
    expect(team.filter((c) => c.count === null).length).toBeGreaterThan(0);
    expect(team.every((c) => (c.count === null ? c.people === null : c.count >= 5))).toBe(true);
    expect((await t.request('GET', '/api/talent/nine-box?kind=monthly')).status).toBe(200);
    expect((await t.request('GET', '/api/talent/nine-box?cycles=0')).status).toBe(400);
    expect((await t.request('GET', '/api/talent/nine-box?department=无此部门')).status).toBe(400);
    // a manager counts their subtree only: 马丽's 11 reports
    const manager = await t.signInAs('ma.li@demo-saas.cn');
    const mine = (await (await manager.request('GET', '/api/talent/nine-box')).json()) as typeof box;
    const allowed = new Set(t.sql<{ name: string }>(`select name from people where manager_id = (select id from people where email = 'ma.li@demo-saas.cn')`).map((r) => r.name));
    for (const c of mine.cycles.flatMap((x) => x.cells)) for (const p of c.people ?? []) expect(allowed.has(p.name)).toBe(true);
    expect(mine.transitions.reduce((s, m) => s + m.count, 0) + mine.hiddenMoves).toBe(allowed.size * 2);
  });

  it('exports the 9-box and the profile as CSV and XLSX with the same suppression', async () => {
    const csv = await t.request('GET', '/api/talent/nine-box?format=csv&department=研发中心/基础架构组');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('周期,绩效,潜力,人数,姓名');
    const hidden = lines.filter((l) => l.includes('少于 5 人'));
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((l) => l.endsWith(','))).toBe(true); // no names in a hidden box
    const box = (await (await t.request('GET', '/api/talent/nine-box?department=研发中心/基础架构组')).json()) as { cycles: { cells: unknown[] }[] };
    expect(lines.length - 1).toBe(box.cycles.reduce((s, c) => s + c.cells.length, 0));

    const xlsx = await t.request('GET', '/api/talent/nine-box?format=xlsx');
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['九宫格', '变化']);
    const moves = book.getWorksheet('变化')!;
    for (let i = 2; i <= moves.rowCount; i++) expect(Number(moves.getRow(i).getCell(7).value)).toBeGreaterThanOrEqual(5);

    const profile = await t.request('GET', `/api/talent/people/${example}/profile?format=xlsx`);
    expect(profile.status).toBe(200);
    const pbook = new ExcelJS.Workbook();
    await pbook.xlsx.load(Buffer.from(await profile.arrayBuffer()) as unknown as ArrayBuffer);
    expect(pbook.worksheets.map((w) => w.name)).toEqual(['逐项说明', '历次结果', '技能', '目标与协作']);
    expect(pbook.getWorksheet('逐项说明')!.getRow(2).getCell(1).value).toBe('年度绩效：2023 A、2024 A、2025 A');
    const results = pbook.getWorksheet('历次结果')!;
    expect([2, 3, 4].map((r) => [results.getRow(r).getCell(1).value, results.getRow(r).getCell(4).value, results.getRow(r).getCell(5).value])).toEqual([
      ['2023 年度考核', 'A', null],
      ['2024 年度考核', 'A', 'B'],
      ['2025 年度考核', 'A', null],
    ]);
    const pcsv = await (await t.request('GET', `/api/talent/people/${example}/profile?format=csv`)).text();
    expect(pcsv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('周期,开始日期,结束日期,最终等级,调整前经理评级,潜力,九宫格绩效,九宫格潜力,技术文档,系统设计');
    expect((await t.request('GET', `/api/talent/people/${example}/profile?format=pdf`)).status).toBe(400);
  });
});

