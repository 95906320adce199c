import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

/**
 * Issue 11 (calibration sessions): the distribution against the guideline, a lenient manager found, borderline
 * people first (A/B first), changes only with a reason, an override across a cap marked, a locked session refusing
 * changes until HR reopens it, and every step in the audit chain.
 */
const CSV = [
  PEOPLE_HEADER,
  'M1,王宽,wang.kuan@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'M2,严格,yan.ge@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  ...[1, 2, 3, 4].map((i) => `S${i},销售${i},s${i}@example.com,销售部,wang.kuan@example.com,sales,Asia/Shanghai,zh-CN,,,employee`),
  ...[1, 2, 3, 4].map((i) => `R${i},研发${i},r${i}@example.com,研发中心,yan.ge@example.com,rnd,Asia/Shanghai,zh-CN,,,employee`),
].join('\n');

describe('calibration sessions', () => {
  let t: TestApp;
  let session: number;
  const reviewOf = (email: string) => t.sql<{ id: number }>(`select r.id from reviews r join people p on p.id = r.person_id where p.email = ?`, email)[0].id;
  type View = { distribution: { grade: string; count: number; highlight: boolean }[]; managers: { name: string; mark: string | null }[]; borderline: { email: string; above: string; below: string }[]; locked: boolean; changes: { after: string; overrideReason: string | null }[] };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-11-30T02:00:00Z') });
    expect((await t.importPeople(CSV)).status).toBe(200);
    insertTemplates(t, DEFAULT_TEMPLATE);
    const cycle = ((await (await t.request('POST', '/api/review-cycles', { name: '2026-11', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' })).json()) as { id: number }).id;
    expect(await (await t.request('POST', `/api/review-cycles/${cycle}/open`)).json()).toEqual({ reviews: 10, drafting: null });
    // The managers have graded: 王宽 generously, 严格 strictly; totals put s1 and s2 near boundaries.
    const graded: [string, string, number, string | null][] = [
      ['s1@example.com', 'A', 80.5, null], ['s2@example.com', 'A', 92, null], ['s3@example.com', 'S', 95, 'B'], ['s4@example.com', 'A', 85, null],
      ['r1@example.com', 'C', 55, null], ['r2@example.com', 'C', 66, null], ['r3@example.com', 'D', 40, null], ['r4@example.com', 'B', 70, null],
    ];
    for (const [email, grade, total, cap] of graded) {
      t.sql(`update reviews set status = 'submitted', grade = ?, total = ?, cap_grade = ? where person_id = (select id from people where email = ?)`, grade, total, cap, email);
    }
    const created = await t.request('POST', '/api/calibration-sessions', { cycleId: cycle });
    expect(created.status).toBe(201);
    session = ((await created.json()) as { id: number }).id;
  });
  afterAll(async () => t.destroy());

  it('shows the distribution against the guideline, the lenient and the harsh manager, and borderline people A/B first', async () => {
    const view = (await (await t.request('GET', `/api/calibration-sessions/${session}`)).json()) as View;
    const a = view.distribution.find((d) => d.grade === 'A')!;
    expect(a.count).toBe(3);
    expect(a.highlight).toBe(true); // well above the guideline's 20%
    expect(view.managers.find((m) => m.name === '王宽')!.mark).toBe('lenient');
    expect(view.managers.find((m) => m.name === '严格')!.mark).toBe('harsh');
    // s1 (80.5) sits on the A/B boundary and comes first; r2 (66) is 1 point above B/C, s2 (92) 2 points above S/A
    expect(view.borderline.map((b) => `${b.email}:${b.above}/${b.below}`)).toEqual(['s1@example.com:A/B', 'r2@example.com:B/C', 's2@example.com:S/A']);
  });

  it('refuses a change without a reason, and changes nothing', async () => {
    const res = await t.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s1@example.com'), grade: 'B', reason: ' ' });
    expect(res.status).toBe(400);
    expect(t.sql(`select grade from reviews where id = ?`, reviewOf('s1@example.com'))).toEqual([{ grade: 'A' }]);
    expect(t.sql(`select count(*) as n from calibration_changes`)).toEqual([{ n: 0 }]);
  });

  it('changes a borderline grade with a reason, and records an override across a cap', async () => {
    const ok = await t.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s1@example.com'), grade: 'B', reason: '与同级相比，回款贡献偏低' });
    expect(ok.status).toBe(200);
    const capped = await t.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s3@example.com'), grade: 'A', reason: '跨部门项目贡献' });
    expect(capped.status).toBe(422);
    const over = await t.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s3@example.com'), grade: 'A', reason: '跨部门项目贡献', overrideReason: '回款延迟系客户流程，已到账' });
    expect(over.status).toBe(200);
    const view = (await over.json()) as View;
    expect(view.changes.map((c) => [c.after, c.overrideReason])).toEqual([['B', null], ['A', '回款延迟系客户流程，已到账']]);
    expect(t.sql(`select grade, needs_calibration as flagged from reviews where id = ?`, reviewOf('s3@example.com'))).toEqual([{ grade: 'A', flagged: 1 }]);
    expect(t.sql(`select action from audit_log where action like 'calibration.%' order by id`).map((r) => (r as { action: string }).action)).toEqual(['calibration.create', 'calibration.invite', 'calibration.change', 'calibration.override']);
  });

  it('keeps minutes, locks, refuses changes while locked, and reopens only with a reason (audited)', async () => {
    expect((await t.request('PUT', `/api/calibration-sessions/${session}/minutes`, { minutes: '校准会：销售部 A 档偏多，s1 调整为 B。' })).status).toBe(200);
    expect((await t.request('POST', `/api/calibration-sessions/${session}/lock`)).status).toBe(200);
    const refused = await t.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s2@example.com'), grade: 'S', reason: '表现突出' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'session_locked' } });
    expect((await t.request('PUT', `/api/calibration-sessions/${session}/minutes`, { minutes: 'x' })).status).toBe(409);
    expect((await t.request('POST', `/api/calibration-sessions/${session}/reopen`, {})).status).toBe(400);
    const reopened = await t.request('POST', `/api/calibration-sessions/${session}/reopen`, { reason: '漏看了研发中心的申诉材料' });
    expect(((await reopened.json()) as View).locked).toBe(false);
    expect(t.sql(`select reason from audit_log where action = 'calibration.reopen'`)).toEqual([{ reason: '漏看了研发中心的申诉材料' }]);
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('releases once: everyone hears their grade and feedback, each manager gets a summary, and a restart repeats nothing', async () => {
    const cycle = t.sql<{ id: number }>(`select id from review_cycles`)[0].id;
    const release = () => t.request('POST', `/api/review-cycles/${cycle}/release`);
    const early = await release();
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'not_all_submitted', details: { pending: 2 } } }); // the managers' own reviews
    t.sql(`update reviews set status = 'submitted', grade = 'B', feedback = '稳定' where status != 'submitted'`);
    t.sql(`update reviews set feedback = '客户拓展积极' where person_id = (select id from people where email = 's1@example.com')`);
    expect(await (await release()).json()).toMatchObject({ error: { code: 'calibration_open' } }); // the session was reopened above
    expect((await t.request('POST', `/api/calibration-sessions/${session}/lock`)).status).toBe(200);

    // Before the release the person sees no grade; after it, the calibrated one with the feedback.
    const s1 = await t.signInAs('s1@example.com');
    expect(await s1.json('GET', `/api/reviews/${reviewOf('s1@example.com')}`)).toMatchObject({ body: { grade: null, feedback: null, released: false } });
    expect(await (await release()).json()).toEqual({ reviews: 10, told: 12 }); // 10 people + 2 manager summaries
    expect(await s1.json('GET', `/api/reviews/${reviewOf('s1@example.com')}`)).toMatchObject({ body: { grade: 'B', feedback: '客户拓展积极', released: true } });
    const said = (await t.botMessages('s1@example.com')).at(-1)!.text;
    expect(said).toContain('B（良好）');
    expect(said).toContain('客户拓展积极');
    expect((await t.botMessages('wang.kuan@example.com')).at(-1)!.text).toContain('4 人');
    expect(await (await release()).json()).toEqual({ reviews: 10, told: 0 });

    // a new process on the same database file: releasing again tells nobody
    await t.stop();
    t = await TestApp.start({ clock: t.clock, dir: t.dir });
    expect(await (await t.request('POST', `/api/review-cycles/${cycle}/release`)).json()).toEqual({ reviews: 10, told: 0 });
    expect(t.sql(`select count(*) as n from deliveries where dedupe_key like 'review-release%'`)).toEqual([{ n: 12 }]);
    expect(t.sql(`select count(*) as n from audit_log where action = 'review_cycle.release'`)).toEqual([{ n: 1 }]);
  });

  it('invites the department heads, who take part (read, change, minutes) but do not lock; others are refused', async () => {
    const view = (await (await t.request('GET', `/api/calibration-sessions/${session}`)).json()) as { participants: { email: string }[] };
    expect(view.participants.map((p) => p.email).sort()).toEqual(['wang.kuan@example.com', 'yan.ge@example.com']);
    const invite = (await t.botMessages('yan.ge@example.com')).find((m) => m.text.includes('校准会'))!;
    expect(invite.text).toContain(`/#/reviews/calibration/${session}`);
    const head = await t.signInAs('wang.kuan@example.com');
    expect((await head.request('GET', `/api/calibration-sessions/${session}`)).status).toBe(200);
    expect((await head.request('POST', `/api/calibration-sessions/${session}/lock`)).status).toBe(403);
    expect((await head.request('POST', `/api/calibration-sessions/${session}/reopen`, { reason: '再议' })).status).toBe(403);
    const employee = await t.signInAs('s1@example.com');
    expect((await employee.request('GET', `/api/calibration-sessions/${session}`)).status).toBe(403);
    expect((await employee.request('POST', `/api/calibration-sessions/${session}/changes`, { reviewId: reviewOf('s1@example.com'), grade: 'S', reason: '自评' })).status).toBe(403);
  });
});
