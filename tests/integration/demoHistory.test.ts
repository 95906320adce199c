/**
 * The first start with the demo company: eight weeks of history, the same rows on every seed at the same moment,
 * believable (late, missing, edited and excused standups in both languages with blockers; check-ins on time and
 * late with escalations; points, redemptions, leaderboards; a released review cycle), and what the API answers
 * on the pages a newcomer opens is not empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlocker } from '../../bot/domain/standupSchedule';
import { verifyAuditChain } from '../../bot/services/audit';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';

const TABLES = [
  'people', 'departments', 'identities', 'leaves', 'standup_rounds', 'standup_requests', 'standup_answers', 'goals', 'goal_revisions', 'checkpoints',
  'check_ins', 'escalation_steps', 'points_ledger', 'rewards', 'redemptions', 'leaderboard_snapshots', 'review_cycles', 'reviews', 'metric_values', 'audit_log',
  'development_paths', 'path_assignments', 'path_assignment_goals', 'mentorships', 'mentoring_checkins',
  'calibration_sessions', 'calibration_changes', 'integration_records',
];
const NOW = '2026-11-25T04:00:00Z'; // a Wednesday, noon in Shanghai

describe('demo history', () => {
  const apps: TestApp[] = [];
  let t: TestApp;
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) apps.push(await TestApp.start({ clock: new TestClock(NOW), env: { DEMO_DATA: 'on' } }));
    t = apps[0];
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.destroy();
  });

  it('is deterministic: two seeds at the same moment write identical rows', () => {
    for (const table of TABLES) {
      const [a, b] = apps.map((x) => x.sql(`select * from ${table} order by rowid`));
      expect(a.length, table).toBeGreaterThan(0);
      expect(b, table).toEqual(a);
    }
  });

  it('has eight closed weeks of standups: on time, late, missing, edited, excused, in Chinese and English, with blockers', () => {
    expect(t.sql(`select period_key as week, closed_at is not null as closed from standup_rounds order by period_key`)).toEqual(
      ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47'].map((week) => ({ week, closed: 1 })),
    );
    const [counts] = t.sql<{ onTime: number; late: number; missing: number; excused: number }>(`
      select sum(completed_at is not null and late = 0) as onTime, sum(late = 1) as late,
        sum(completed_at is null and excused_at is null) as missing, sum(excused_at is not null) as excused from standup_requests`);
    expect(counts.onTime).toBeGreaterThan(counts.late + counts.missing);
    expect(counts.late).toBeGreaterThan(10);
    expect(counts.missing).toBeGreaterThan(10);
    expect(counts.excused).toBeGreaterThan(5);
    expect(t.sql<{ n: number }>('select count(*) as n from standup_answers where edited_at is not null')[0].n).toBeGreaterThan(10);
    const blockers = t.sql<{ answer: string }>('select answer from standup_answers where question_index = 1').map((a) => a.answer).filter(isBlocker);
    expect(blockers.length).toBeGreaterThan(50);
    expect(blockers.some((b) => /[\u4e00-\u9fff]/.test(b))).toBe(true);
    const english = t.sql<{ answer: string }>(`select a.answer from standup_answers a join standup_requests r on r.id = a.request_id join people p on p.id = r.person_id where p.locale = 'en'`);
    expect(english.length).toBeGreaterThan(20);
    expect(english.every((a) => !/[\u4e00-\u9fff]/.test(a.answer))).toBe(true);
    // every on-time completion earned its point, late ones none
    expect(t.sql(`select count(*) as n from points_ledger where kind = 'standup'`)).toEqual(t.sql(`select count(*) as n from standup_requests where completed_at is not null and late = 0`));
  });

  it('has goals with check-ins on time and late, open overdue checkpoints and escalations to managers', () => {
    const [c] = t.sql<{ onTime: number; late: number }>('select sum(on_time = 1) as onTime, sum(on_time = 0) as late from check_ins');
    expect(c.onTime).toBeGreaterThan(c.late);
    expect(c.late).toBeGreaterThan(10);
    expect(t.sql<{ n: number }>(`select count(*) as n from escalation_steps where step = 'manager'`)[0].n).toBeGreaterThan(10);
    expect(t.sql<{ n: number }>(`select count(*) as n from checkpoints where checked_in_at is null and due_date < '2026-11-25'`)[0].n).toBeGreaterThan(5);
    expect(t.sql(`select distinct level from goals order by level`)).toEqual([{ level: 'company' }, { level: 'department' }, { level: 'individual' }]);
  });

  it('has points, monthly leaderboards, redemptions in every state and a released review cycle; the audit chain holds', () => {
    expect(t.sql(`select month from leaderboard_snapshots order by month`)).toEqual([{ month: '2026-09' }, { month: '2026-10' }]);
    expect(t.sql(`select distinct status from redemptions order by status`)).toEqual([{ status: 'approved' }, { status: 'pending' }, { status: 'rejected' }]);
    // last month's cycle, and the talent history's three annual cycles (demoTalent)
    expect(t.sql(`select name, status, released_at is not null as released from review_cycles order by period_start`)).toEqual([
      ...['2023', '2024', '2025'].map((y) => ({ name: `${y} 年度考核`, status: 'released', released: 1 })),
      { name: '2026-10 月度考核', status: 'released', released: 1 },
    ]);
    expect(t.sql(`select status, count(*) as n from reviews group by status`)).toEqual([{ status: 'submitted', n: 176 * 4 }]);
    const grades = t.sql<{ grade: string; n: number }>(`select grade, count(*) as n from reviews r join review_cycles c on c.id = r.cycle_id where c.kind = 'monthly' group by grade order by n desc`);
    expect(grades[0].grade).toBe('B');
    expect(grades.length).toBeGreaterThanOrEqual(4);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('answers the pages a newcomer opens with content', async () => {
    const get = async <T>(path: string) => {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const week = await get<{ members: unknown[]; blockers: unknown[]; overdue: unknown[]; goals: unknown[] }>('/api/team/week');
    expect(week.members.length).toBe(176);
    expect(week.blockers.length).toBeGreaterThan(0);
    expect(week.overdue.length).toBeGreaterThan(0);
    expect((await get<{ answered: number }>('/api/hr/overview')).answered).toBeGreaterThan(100);
    const board = await get<{ rows: unknown[]; total: number }>('/api/leaderboard');
    expect(board.total).toBeGreaterThan(100);
    expect(board.rows).toHaveLength(50); // the first page
    expect((await get<{ redemptions: unknown[] }>('/api/redemptions')).redemptions.length).toBeGreaterThan(0);
    expect((await get<{ rewards: unknown[] }>('/api/rewards')).rewards.length).toBe(4);
    expect((await get<{ cycles: { status: string }[] }>('/api/review-cycles')).cycles.map((c) => c.status)).toEqual(['released', 'released', 'released', 'released']);
    expect((await get<{ entries: unknown[] }>('/api/audit?limit=5')).entries.length).toBe(5);
    const log = await get<string>('/api/progress-log?from=2026-09-01&to=2026-11-30');
    expect(JSON.stringify(log).length).toBeGreaterThan(10_000);
    const person = t.sql<{ id: number }>(`select id from people where role = 'employee' order by id limit 1`)[0].id;
    const page = await get<{ log: unknown[]; goals: unknown[]; reviews: { grade: string | null }[]; points: { balance: number } }>(`/api/people/${person}`);
    expect(page.log.length).toBeGreaterThan(4);
    expect(page.goals.length).toBeGreaterThan(0);
    expect(page.reviews[0].grade).not.toBeNull();
    const file = await get<{ entries: { kind: string }[] }>(`/api/people/${person}/file`);
    expect(file.entries.some((e) => e.kind === 'review')).toBe(true);
  });
});
