import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceLeaderboard } from '../../bot/services/points/announceLeaderboard';
import { snapshotSteps } from '../../bot/services/points/snapshotSteps';
import { runAll } from '../../bot/services/slices';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp } from '../support/harness';

/**
 * Issue 15: the live leaderboard read a page at a time (ranks across pages, ties, the department filter, refusals),
 * and the monthly announcement taken in slices: stopped part-way it is finished by the next run, the same snapshot,
 * everyone told once.
 */
const PEOPLE = 45;
const MONTH = '2026-11';

interface Row {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  rank: number;
}
interface Page {
  month: string;
  rows: Row[];
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  announced: boolean;
}

describe('the leaderboard a page at a time', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-27T08:01:00Z') });
    const rows = Array.from({ length: PEOPLE }, (_, i) => `E${i + 1},Person ${i + 1},p${i + 1}@example.com,${i % 3 === 0 ? '研发中心/后端组' : i % 3 === 1 ? '研发中心' : '市场部'},,rnd,Asia/Shanghai,${i % 2 ? 'en' : 'zh-CN'},,,employee`);
    expect((await t.importPeople([PEOPLE_HEADER, ...rows].join('\n'))).status).toBe(200);
    // Scores with many ties (1..6), a few people with none and one with a negative adjustment only; person 7 inactive.
    const ids = t.sql<{ id: number }>(`select id from people where email like 'p%@example.com' order by id`).map((p) => p.id);
    ids.forEach((id, i) => {
      const score = i % 9 === 8 ? 0 : (i * 7) % 6 + 1;
      for (let k = 0; k < score; k++) t.sql(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, 1, 'standup', 'test', ?, ?, '2026-11-20T00:00:00Z')`, id, `t:${id}:${k}`, MONTH);
    });
    t.sql(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, -2, 'adjustment', 'test', 'neg', ?, '2026-11-20T00:00:00Z')`, ids[8], MONTH);
    t.sql(`update people set active = 0 where id = ?`, ids[6]);
  });
  afterEach(async () => t.destroy());

  /** The ranking worked out here: active people with a positive score, score desc then id, competition ranks. */
  const expected = (department?: string) => {
    const rows = t.sql<{ personId: number; score: number; department: string | null }>(
      `select m.person_id as personId, m.score, d.path as department from points_monthly m join people p on p.id = m.person_id left join departments d on d.id = p.department_id
       where m.score_month = ? and m.score > 0 and p.active = 1 order by m.score desc, m.person_id`, MONTH,
    ).filter((r) => !department || r.department === department || r.department?.startsWith(`${department}/`));
    return rows.map((r) => ({ personId: r.personId, score: r.score, rank: rows.findIndex((x) => x.score === r.score) + 1 }));
  };
  const get = async (query: string) => {
    const res = await t.request('GET', `/api/leaderboard?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };
  const walk = async (query: string, limit: number) => {
    const seen: Row[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page: Page = await get(`${query}&limit=${limit}&offset=${offset}`);
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      seen.push(...page.rows);
      offset = page.nextOffset;
      pages++;
    }
    return { seen, pages };
  };

  it('ranks across pages as in one list: ties share a rank on both sides of a page break, total and nextOffset', async () => {
    const all = expected();
    expect(all.length).toBeGreaterThan(30);
    const first = await get(`month=${MONTH}`);
    expect(first).toMatchObject({ month: MONTH, total: all.length, offset: 0, limit: 50, nextOffset: null, announced: false });
    expect(first.rows.map((r) => ({ personId: r.personId, score: r.score, rank: r.rank }))).toEqual(all);

    const { seen, pages } = await walk(`month=${MONTH}`, 4);
    expect(pages).toBe(Math.ceil(all.length / 4));
    expect(seen.map((r) => ({ personId: r.personId, score: r.score, rank: r.rank }))).toEqual(all);
    // a page starting inside a tie group starts with that group's rank, not its own place
    const inTie = all.findIndex((r, i) => i > 0 && r.score === all[i - 1].score);
    const page = await get(`month=${MONTH}&limit=3&offset=${inTie}`);
    expect(page.rows[0].rank).toBe(all[inTie].rank);
    expect(page.rows[0].rank).toBeLessThan(inTie + 1);
    expect(await get(`month=${MONTH}&limit=5&offset=${all.length}`)).toMatchObject({ rows: [], total: all.length, nextOffset: null });
  });

  it('filters by department (and its sub-departments), ranked within it, across pages', async () => {
    for (const dept of ['研发中心', '研发中心/后端组', '市场部']) {
      const want = expected(dept);
      const { seen } = await walk(`month=${MONTH}&department=${encodeURIComponent(dept)}`, 5);
      expect(seen.map((r) => ({ personId: r.personId, score: r.score, rank: r.rank }))).toEqual(want);
      expect(seen.every((r) => r.department === dept || r.department!.startsWith(`${dept}/`))).toBe(true);
      expect((await get(`month=${MONTH}&department=${encodeURIComponent(dept)}&limit=1`)).total).toBe(want.length);
    }
  });

  it('refuses a bad limit or offset whole, in the standard error shape, changing nothing', async () => {
    const before = t.sql(`select (select count(*) from deliveries) as d, (select count(*) from audit_log) as a, (select count(*) from leaderboard_snapshots) as s`);
    for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'offset=-1', 'offset=1.5', 'limit=5&offset=x']) {
      const res = await t.request('GET', `/api/leaderboard?month=${MONTH}&${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, q).toBe('invalid_request');
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    for (const q of ['limit=0', 'offset=-3']) expect((await t.request('GET', `/api/leaderboard/snapshots/${MONTH}?${q}`)).status).toBe(400);
    expect(t.sql(`select (select count(*) from deliveries) as d, (select count(*) from audit_log) as a, (select count(*) from leaderboard_snapshots) as s`)).toEqual(before);
  });

  it('announces in slices: stopped part-way in either phase, the next run finishes the same snapshot and tells everyone once', async () => {
    const all = expected();
    const deps = t.app.deps;
    const stopAfter = async (steps: number) => {
      const pass = snapshotSteps(deps, MONTH, { sliceRows: 4 });
      for (let i = 0; i < steps; i++) expect(pass.next().done).toBe(false);
      // the "crash": the generator is dropped, what it committed stays
    };
    t.clock.set('2026-11-30T09:01:00Z'); // the last working day of November, 17:01 in Shanghai
    // the console's confirmation counts who a run would tell (the whole pass in a rolled-back transaction)
    const dry = await t.request('POST', '/api/jobs/leaderboard-monthly/run?dryRun=1');
    expect(await dry.json()).toEqual({ job: 'leaderboard-monthly', wouldMessage: all.length, channels: 1 });
    expect(t.sql(`select count(*) as n from leaderboard_snapshots`)).toEqual([{ n: 0 }]);
    t.sql(`insert into leaderboard_snapshots (month, taken_at, population, phase) values (?, ?, ?, 'collecting')`, MONTH, '2026-11-30T09:01:00.000Z', PEOPLE - 1);
    await stopAfter(3); // three pages of people copied
    expect(t.sql(`select phase, cursor from leaderboard_snapshots`)).toEqual([{ phase: 'collecting', cursor: expect.any(Number) }]);
    expect(t.sql(`select count(*) as n from leaderboard_snapshot_entries`)).toEqual([{ n: 12 }]);
    // a score changes meanwhile: the copied entries keep what was copied (the first pages are the lowest person ids)
    const early = Math.min(...all.map((r) => r.personId));
    t.sql(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, 10, 'adjustment', 'test', 'late', ?, '2026-11-30T09:02:00Z')`, early, MONTH);
    await stopAfter(Math.floor((all.length - 12) / 4) + 1 + 2); // copying finished, then two slices ranked (and told)
    expect(t.sql(`select phase, cursor, ranked from leaderboard_snapshots`)).toEqual([{ phase: 'ranking', cursor: 8, ranked: all.length }]);
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'leaderboard:${MONTH}:%'`)).toEqual([{ n: 8 }]);

    expect(await announceLeaderboard(deps, { manual: false })).toEqual({ announced: [MONTH] });
    expect(await announceLeaderboard(deps, { manual: false })).toEqual({ announced: [] });
    const told = t.sql<{ dedupe_key: string; person_id: number | null; payload: string }>(`select dedupe_key, person_id, payload from deliveries where dedupe_key like 'leaderboard:%' order by id`);
    expect(told.filter((d) => d.person_id !== null).map((d) => d.person_id).sort((a, b) => a! - b!)).toEqual(all.map((r) => r.personId).sort((a, b) => a - b));
    expect(told.filter((d) => d.dedupe_key === `leaderboard:${MONTH}:announce`)).toHaveLength(1);
    const audited = t.sql<{ actor: string; after: string }>(`select actor, after from audit_log where action = 'leaderboard.announced'`);
    expect(audited.map((a) => ({ actor: a.actor, ...JSON.parse(a.after) }))).toEqual([{ actor: 'system', month: MONTH, population: PEOPLE - 1, ranked: all.length, cutoffScore: all[4].score }]);

    const snap = (await (await t.request('GET', `/api/leaderboard/snapshots/${MONTH}`)).json()) as { total: number; population: number; cutoffScore: number; entries: (Row & { top: boolean })[]; nextOffset: number | null };
    expect(snap).toMatchObject({ total: all.length, population: PEOPLE - 1, nextOffset: null });
    expect(snap.entries.map((e) => ({ personId: e.personId, score: e.score, rank: e.rank }))).toEqual(all);
    // the top share: 10% of 44 active people = 5 places; everyone tied with the 5th in
    expect(snap.cutoffScore).toBe(all[4].score);
    expect(snap.entries.filter((e) => e.top).map((e) => e.personId)).toEqual(all.filter((r) => r.score >= all[4].score).map((r) => r.personId));
    // the channel's announcement: the heading and the top share's lines (one part: under 1,000 lines)
    const tops = snap.entries.filter((e) => e.top);
    expect(told.filter((d) => d.person_id === null).map((d) => d.dedupe_key)).toEqual([`leaderboard:${MONTH}:announce`]);
    const lines = (JSON.parse(told.find((d) => d.person_id === null)!.payload) as { text: string }).text.split('\n');
    expect(lines).toHaveLength(1 + tops.length);
    expect(lines.slice(1).map((l, i) => l.startsWith(`${tops[i].rank}. `))).toEqual(tops.map(() => true));
    const mine = JSON.parse(told.find((d) => d.person_id === all[20].personId)!.payload) as { text: string };
    expect(mine.text).toMatch(new RegExp(`${all[20].rank}.*${all.length}|${all[20].rank}/${all.length}`));

    // the snapshot a page at a time, in place order
    const page = (await (await t.request('GET', `/api/leaderboard/snapshots/${MONTH}?limit=10&offset=10`)).json()) as { entries: Row[]; nextOffset: number | null; total: number };
    expect(page.entries.map((e) => e.personId)).toEqual(all.slice(10, 20).map((r) => r.personId));
    expect(page.nextOffset).toBe(20);
    expect((await get(`month=${MONTH}&limit=1`)).announced).toBe(true);
    expect((await get(`month=${MONTH}&limit=1`)).rows[0]).toMatchObject({ personId: early, rank: 1 }); // live, unlike the snapshot
  });

  it('posts a long announcement in parts, in order, each once, the heading first', async () => {
    const all = expected();
    t.sql(`insert into leaderboard_snapshots (month, taken_at, population, phase) values (?, ?, ?, 'collecting')`, MONTH, '2026-11-30T09:01:00.000Z', PEOPLE - 1);
    // parts of 4 lines; stopped after the first part, then the rest
    const pass = snapshotSteps(t.app.deps, MONTH, { sliceRows: 4 });
    while (t.sql<{ n: number }>(`select count(*) as n from deliveries where person_id is null`)[0].n === 0) expect(pass.next().done).toBe(false);
    expect(runAll(snapshotSteps(t.app.deps, MONTH, { sliceRows: 4 }))).toBe(true);
    const tops = all.filter((r) => r.score >= all[4].score);
    const parts = t.sql<{ dedupe_key: string; payload: string }>(`select dedupe_key, payload from deliveries where person_id is null order by id`);
    expect(parts.map((d) => d.dedupe_key)).toEqual(Array.from({ length: Math.max(1, Math.ceil(tops.length / 4)) }, (_, i) => `leaderboard:${MONTH}:announce${i ? `:${i + 1}` : ''}`));
    const lines = parts.flatMap((d) => (JSON.parse(d.payload) as { text: string }).text.split('\n'));
    expect(lines[0]).toContain(MONTH);
    expect(lines.slice(1).map((l) => Number(l.split('.')[0]))).toEqual(tops.map((r) => r.rank));
    expect(t.sql(`select count(*) as n from deliveries where person_id is not null`)).toEqual([{ n: all.length }]);
  });
});
