/**
 * Talent pools over the demo company's three years of history: the demo's proposals (the source case's 吴蕾鹏 for
 * 架构师储备池 with the reason), rules validated with every problem, HR's decisions audited in the hash chain, several
 * pools per person, no duplicate proposals, the report (flow per cycle, high-rating retention, small groups hidden),
 * its exports read back, proposals after a cycle's release, and who may do what.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../bot/services/audit';
import { ARCHITECT_EXAMPLE_EMAIL } from '../../db/seed/demoTalent';
import { TestClock } from '../support/clock';
import { TestApp } from '../support/harness';

const NOW = '2026-11-25T04:00:00Z';
const ARCHITECT = '架构师储备池';

interface Member {
  id: number;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  status: string;
  reason: { 'zh-CN': string; en: string };
  decisionReason: string | null;
}

describe('talent pools', () => {
  let t: TestApp;
  const poolId = (name: string) => t.sql<{ id: number }>(`select id from talent_pools where name = ?`, name)[0].id;
  const view = async (id: number) => (await (await t.request('GET', `/api/talent/pools/${id}`)).json()) as { pool: { name: string }; members: Member[] };
  const post = async (path: string, body?: unknown) => {
    const res = await t.request('POST', path, body);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; details?: { field: string; code: string }[] } } };
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock(NOW), env: { DEMO_DATA: 'on' } });
  }, 120_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('the demo proposes 吴蕾鹏 for 架构师储备池, with the reason in both languages', async () => {
    const pools = ((await (await t.request('GET', '/api/talent/pools')).json()) as { pools: { name: string; counts: { proposed: number } }[] }).pools;
    expect(pools.map((p) => p.name).sort()).toEqual(['架构师储备池', '管理储备', '销售精英'].sort());
    for (const p of pools) expect(p.counts.proposed, p.name).toBeGreaterThan(0);
    const { members } = await view(poolId(ARCHITECT));
    const wu = members.find((m) => m.email === ARCHITECT_EXAMPLE_EMAIL)!;
    expect(wu).toMatchObject({ name: '吴蕾鹏', status: 'proposed' });
    expect(wu.reason['zh-CN']).toMatch(/^近 3 年年度绩效均 ≥ A（\d{4} [SA]、\d{4} [SA]、\d{4} [SA]）；系统设计 [\d.]+ ≥ 4/);
    expect(wu.reason.en).toMatch(/^A or above in each of the last 3 years \(\d{4} [SA], \d{4} [SA], \d{4} [SA]\); skill 系统设计 [\d.]+ ≥ 4/);
    // every proposal is the rule holding, stated with the person's figures
    for (const m of members) expect(m.reason['zh-CN']).toMatch(/^近 3 年年度绩效均 ≥ A/);
  });

  it('proposing again changes nothing: no duplicate rows, no new events', async () => {
    const id = poolId(ARCHITECT);
    const before = t.sql(`select id, person_id, status, reason from talent_pool_members where pool_id = ? order by id`, id);
    const events = t.sql(`select count(*) as n from talent_pool_events`);
    const { status, body } = await post(`/api/talent/pools/${id}/propose`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ proposed: 0, withdrawn: 0, refreshed: 0 });
    expect(body.evaluated).toBeGreaterThan(150);
    expect(t.sql(`select id, person_id, status, reason from talent_pool_members where pool_id = ? order by id`, id)).toEqual(before);
    expect(t.sql(`select count(*) as n from talent_pool_events`)).toEqual(events);
    expect(t.sql(`select count(*) as n from (select pool_id, person_id from talent_pool_members group by 1, 2 having count(*) > 1)`)).toEqual([{ n: 0 }]);
  });

  it('refuses a bad rule with every problem, in the field-problem shape, and stores nothing', async () => {
    const pools = t.sql(`select count(*) as n from talent_pools`);
    const { status, body } = await post('/api/talent/pools', { name: '坏规则', rule: 'min_annual >= 4 and skill(3) > 1 and skil("系统设计") > 2 and skill("烹饪") >= 4' });
    expect(status).toBe(400);
    expect(body.error!.code).toBe('invalid_rule');
    expect(body.error!.details!.map((d) => [d.field, d.code])).toEqual([
      ['rule', 'rule_not_called'],
      ['rule', 'rule_argument_skill'],
      ['rule', 'rule_unknown_name'],
      ['rule', 'rule_unknown_skill'],
    ]);
    expect(t.sql(`select count(*) as n from talent_pools`)).toEqual(pools);
    const check = await post('/api/talent/pools/check-rule', { rule: 'potential >=', personId: 1 });
    expect(check.status).toBe(200);
    expect((check.body.problems as { code: string }[]).map((p) => p.code)).toEqual(['rule_syntax']);
    expect(check.body.sample).toBeNull();
  });

  it('check-rule explains a valid rule for a sample person', async () => {
    const [wu] = t.sql<{ id: number }>(`select id from people where email = ?`, ARCHITECT_EXAMPLE_EMAIL);
    const { body } = await post('/api/talent/pools/check-rule', { rule: 'min_annual(3) >= 4 and skill("系统设计") >= 4', personId: wu.id });
    expect(body.problems).toEqual([]);
    expect(body.sample).toMatchObject({ personId: wu.id, name: '吴蕾鹏', applies: true });
    expect((body.sample as { reason: { en: string } }).reason.en).toMatch(/^A or above in each of the last 3 years/);
  });

  it('HR accepts with a note and declines with a reason (required), each audited in the chain', async () => {
    const id = poolId(ARCHITECT);
    const { members } = await view(id);
    const wu = members.find((m) => m.email === ARCHITECT_EXAMPLE_EMAIL)!;
    const other = members.find((m) => m.status === 'proposed' && m.id !== wu.id)!;
    expect(other).toBeDefined();

    const accepted = await post(`/api/talent/pools/${id}/members/${wu.id}/decision`, { decision: 'accept', reason: '系统设计能力突出，安排导师' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decisionReason: '系统设计能力突出，安排导师' });
    const again = await post(`/api/talent/pools/${id}/members/${wu.id}/decision`, { decision: 'decline', reason: 'x' });
    expect([again.status, again.body.error!.code]).toEqual([409, 'not_proposed']);

    const noReason = await post(`/api/talent/pools/${id}/members/${other.id}/decision`, { decision: 'decline' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error!.details!.map((d) => [d.field, d.code])).toEqual([['reason', 'reason_required']]);
    expect(t.sql(`select status from talent_pool_members where id = ?`, other.id)).toEqual([{ status: 'proposed' }]);
    const declined = await post(`/api/talent/pools/${id}/members/${other.id}/decision`, { decision: 'decline', reason: '今年在转岗，暂缓' });
    expect(declined.status).toBe(200);

    const audit = t.sql<{ action: string; entity_id: string; reason: string; before: string; after: string; actor: string }>(
      `select action, entity_id, reason, before, after, actor from audit_log where entity = 'talent_pool_member' order by id`,
    );
    expect(audit.map((a) => [a.action, Number(a.entity_id), a.reason])).toEqual([
      ['talent_pool.accept', wu.id, '系统设计能力突出，安排导师'],
      ['talent_pool.decline', other.id, '今年在转岗，暂缓'],
    ]);
    expect(JSON.parse(audit[0].before)).toMatchObject({ pool: id, person: wu.personId, status: 'proposed' });
    expect(JSON.parse(audit[0].after)).toMatchObject({ pool: id, person: wu.personId, status: 'accepted' });
    expect(audit[0].actor).toMatch(/^account:\d+$/);
    expect(verifyAuditChain(t.app.db)).toMatchObject({ ok: true });

    // a standing decision is not proposed again
    const rerun = await post(`/api/talent/pools/${id}/propose`);
    expect(rerun.body).toMatchObject({ proposed: 0 });
    expect(rerun.body.standing).toBeGreaterThanOrEqual(2);
    const after = await view(id);
    expect(after.members.find((m) => m.id === wu.id)).toMatchObject({ status: 'accepted', decisionReason: '系统设计能力突出，安排导师' });
    expect(after.members.find((m) => m.id === other.id)).toMatchObject({ status: 'declined', decisionReason: '今年在转岗，暂缓' });
  });

  it('a person can be in several pools', async () => {
    const created = await post('/api/talent/pools', { name: '技术写作', description: '技术文档出色的人', rule: 'min_annual(3) >= 4 and skill("技术文档") >= 4' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const proposed = await post(`/api/talent/pools/${id}/propose`);
    expect(proposed.body.proposed).toBeGreaterThan(0);
    const wu = (await view(id)).members.find((m) => m.email === ARCHITECT_EXAMPLE_EMAIL)!;
    expect(wu.reason['zh-CN']).toMatch(/技术文档 [\d.]+ ≥ 4/);
    expect((await post(`/api/talent/pools/${id}/members/${wu.id}/decision`, { decision: 'accept' })).status).toBe(200);
    const pools = t.sql(
      `select p.name from talent_pool_members m join talent_pools p on p.id = m.pool_id join people x on x.id = m.person_id where x.email = ? and m.status = 'accepted' order by p.name`,
      ARCHITECT_EXAMPLE_EMAIL,
    );
    expect(pools).toEqual([{ name: '技术写作' }, { name: '架构师储备池' }].sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('reports sizes, flow per cycle, who keeps a high rating later, departments from 5 members; removal counts as out', async () => {
    // a broad pool: accept everyone proposed in it
    const created = await post('/api/talent/pools', { name: '全员观察', rule: 'latest_grade >= 1' });
    const id = created.body.id as number;
    await post(`/api/talent/pools/${id}/propose`);
    const proposals = (await view(id)).members;
    for (const m of proposals) expect((await post(`/api/talent/pools/${id}/members/${m.id}/decision`, { decision: 'accept' })).status).toBe(200);

    // a later cycle is released: half the members get A, the rest B
    t.clock.advance(24 * 3600_000);
    const [tv] = t.sql<{ id: number }>(`select id from review_template_versions order by id limit 1`);
    const at = t.clock.now().toISOString();
    t.sql(`insert into review_cycles (name, kind, period_start, period_end, status, released_at, created_at) values ('2026年11月', 'monthly', '2026-11-01', '2026-11-30', 'released', ?, ?)`, at, at);
    const [cycle] = t.sql<{ id: number }>(`select id from review_cycles where name = '2026年11月'`);
    const graded = proposals.map((m, i) => ({ ...m, grade: i % 2 === 0 ? 'A' : 'B' }));
    for (const m of graded) {
      t.sql(
        `insert into reviews (cycle_id, person_id, template_version_id, status, self_opens_at, grade, created_at, updated_at) values (?, ?, ?, 'submitted', ?, ?, ?, ?)`,
        cycle.id, m.personId, tv.id, at, m.grade, at, at,
      );
    }
    // one member leaves the pool in the new cycle
    const leaving = graded[1];
    const removed = await post(`/api/talent/pools/${id}/members/${leaving.id}/remove`, { reason: '调岗至非技术岗位' });
    expect(removed.status).toBe(200);
    expect(t.sql(`select action, reason from audit_log where entity = 'talent_pool_member' and entity_id = ? order by id desc limit 1`, String(leaving.id))).toEqual([
      { action: 'talent_pool.remove', reason: '调岗至非技术岗位' },
    ]);
    expect((await post(`/api/talent/pools/${id}/members/${leaving.id}/remove`, { reason: 'again' })).status).toBe(409);

    const report = (await (await t.request('GET', '/api/talent/pools/report')).json()) as {
      minGroup: number;
      pools: { name: string; size: number; proposed: number; keep: { eligible: number; kept: number; share: number | null }; flow: { cycleId: number | null; in: number; out: number; proposed: number }[]; departments: { department: string; members: number }[]; hiddenMembers: number }[];
    };
    expect(report.minGroup).toBe(5);
    const broad = report.pools.find((p) => p.name === '全员观察')!;
    const stay = graded.filter((m) => m.id !== leaving.id);
    expect(broad.size).toBe(stay.length);
    expect(broad.keep).toEqual({ eligible: stay.length, kept: stay.filter((m) => m.grade === 'A').length, share: Math.round((stay.filter((m) => m.grade === 'A').length / stay.length) * 1000) / 1000 });
    // flow: everyone came in under the cycle released before, the removal falls in the new cycle
    const newest = broad.flow.find((f) => f.cycleId === cycle.id)!;
    expect(newest).toMatchObject({ in: 0, out: 1 });
    expect(broad.flow.reduce((n, f) => n + f.in, 0)).toBe(proposals.length);
    // departments: by top-level department, each shown group ≥ 5, the hidden ones add up to ≥ 5 (or none hidden)
    const byDept = new Map<string, number>();
    for (const m of stay) byDept.set(m.department!.split('/')[0], (byDept.get(m.department!.split('/')[0]) ?? 0) + 1);
    for (const d of broad.departments) {
      expect(d.members).toBeGreaterThanOrEqual(5);
      expect(d.members).toBe(byDept.get(d.department));
    }
    expect(broad.departments.length).toBeGreaterThan(0);
    expect(broad.hiddenMembers === 0 || broad.hiddenMembers >= 5).toBe(true);
    expect(broad.departments.reduce((n, d) => n + d.members, 0) + broad.hiddenMembers).toBe(stay.length);
    expect(broad.departments.length).toBeLessThan(byDept.size); // some departments have fewer than 5 people in the pool
    // the architect pool has one member: no department is shown
    const arch = report.pools.find((p) => p.name === ARCHITECT)!;
    expect(arch).toMatchObject({ size: 1, departments: [], hiddenMembers: 1 });

    // CSV and XLSX read back
    const csv = await t.request('GET', '/api/talent/pools/report?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: Excel reads the Chinese right
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('人才池,成员数,待审提名,其后有考核的成员,保持高绩效,保持高绩效比例');
    expect(lines).toContain(`全员观察,${broad.size},${broad.proposed},${broad.keep.eligible},${broad.keep.kept},${broad.keep.share}`);
    const xlsx = await t.request('GET', '/api/talent/pools/report?format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['人才池', '各周期流入流出', '按部门']);
    const values = (name: string) => book.getWorksheet(name)!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(values('人才池')).toContainEqual(['全员观察', broad.size, broad.proposed, broad.keep.eligible, broad.keep.kept, broad.keep.share]);
    expect(values('各周期流入流出')).toContainEqual(['全员观察', '2026年11月', 0, 0, 0, 1]);
    const depts = values('按部门').filter((r) => r[0] === '全员观察');
    expect(depts.map((r) => r[1])).toEqual([...broad.departments.map((d) => d.department), ...(broad.hiddenMembers ? ['成员少于 5 人的部门（已隐藏）'] : [])]);
  });

  it('a released cycle proposes for every active pool, without chat messages', async () => {
    const created = await post('/api/talent/pools', { name: '发布后提名', rule: 'min_annual(3) >= 4' });
    const id = created.body.id as number;
    expect(t.sql(`select count(*) as n from talent_pool_members where pool_id = ?`, id)).toEqual([{ n: 0 }]);
    const at = t.clock.now().toISOString();
    t.sql(`insert into review_cycles (name, kind, period_start, period_end, status, opened_at, drafting_done_at, created_at) values ('空周期', 'monthly', '2026-12-01', '2026-12-31', 'open', ?, ?, ?)`, at, at, at);
    const [cycle] = t.sql<{ id: number }>(`select id from review_cycles where name = '空周期'`);
    const deliveries = t.sql(`select count(*) as n from deliveries`);
    const released = await post(`/api/review-cycles/${cycle.id}/release`);
    expect(released.status).toBe(200);
    const rows = t.sql<{ n: number; cycle: number }>(`select count(*) as n, max(cycle_id) as cycle from talent_pool_members where pool_id = ? and status = 'proposed'`, id);
    expect(rows[0].n).toBeGreaterThan(0);
    expect(rows[0].cycle).toBe(cycle.id);
    expect(t.sql(`select count(*) as n from deliveries`)).toEqual(deliveries);
    // the architect pool's decline was made before a cycle was released: it has lapsed, the person is proposed again
    const [declined] = t.sql<{ member: number }>(`select member_id as member from talent_pool_events where pool_id = ? and event = 'declined'`, poolId(ARCHITECT));
    expect(t.sql(`select status, cycle_id as cycle from talent_pool_members where id = ?`, declined.member)).toEqual([{ status: 'proposed', cycle: cycle.id }]);
    expect(t.sql(`select event from talent_pool_events where member_id = ? order by id`, declined.member)).toEqual([{ event: 'proposed' }, { event: 'declined' }, { event: 'proposed' }]);
  });

  it('a stricter rule withdraws pending proposals it no longer supports (audited change, history kept)', async () => {
    const id = poolId('管理储备');
    const pending = (await view(id)).members.filter((m) => m.status === 'proposed');
    expect(pending.length).toBeGreaterThan(0);
    const patched = await t.request('PATCH', `/api/talent/pools/${id}`, { rule: 'min_annual(2) >= 5 and potential >= 4 and shared_goals >= 1' });
    expect(patched.status).toBe(200);
    const [audit] = t.sql<{ before: string; after: string }>(`select before, after from audit_log where action = 'talent_pool.update' and entity_id = ? order by id desc limit 1`, String(id));
    expect(JSON.parse(audit.before).rule).toBe('min_annual(2) >= 4 and potential >= 4 and shared_goals >= 1');
    expect(JSON.parse(audit.after).rule).toBe('min_annual(2) >= 5 and potential >= 4 and shared_goals >= 1');
    const run = await post(`/api/talent/pools/${id}/propose`);
    const after = (await view(id)).members;
    const withdrawn = after.filter((m) => m.status === 'withdrawn');
    expect(run.body.withdrawn).toBe(withdrawn.length);
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const m of withdrawn) expect(m.reason['zh-CN']).toMatch(/^不符合：近 2 年最低年度绩效 A（条件 ≥ S）/);
    expect(t.sql(`select count(*) as n from talent_pool_events where pool_id = ? and event = 'withdrawn'`, id)).toEqual([{ n: withdrawn.length }]);
    expect(verifyAuditChain(t.app.db)).toMatchObject({ ok: true });
  });

  it('only HR and admins manage pools: employees and managers get 403', async () => {
    const [manager] = t.sql<{ email: string }>(`select email from people where id in (select manager_id from people where manager_id is not null) and role = 'manager' limit 1`);
    const [employee] = t.sql<{ email: string }>(`select email from people where role = 'employee' and active = 1 limit 1`);
    const [hr] = t.sql<{ email: string }>(`select email from people where role = 'hr' and active = 1 limit 1`);
    for (const email of [employee.email, manager.email, ARCHITECT_EXAMPLE_EMAIL]) {
      const client = await t.signInAs(email);
      expect((await client.request('GET', '/api/talent/pools')).status, email).toBe(403);
      expect((await client.request('GET', `/api/talent/pools/${poolId(ARCHITECT)}`)).status, email).toBe(403);
      expect((await client.request('GET', '/api/talent/pools/report?format=csv')).status, email).toBe(403);
    }
    const hrClient = await t.signInAs(hr.email);
    expect((await hrClient.json('GET', `/api/talent/pools/${poolId(ARCHITECT)}`)).status).toBe(200);
  });
});
