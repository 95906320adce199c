import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PEOPLE_HEADER, TestApp } from '../support/harness';
import { releasedCycle } from '../support/releasedCycle';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

/**
 * Issue 11 (appeals): after a release a person appeals in chat ("申诉", then the reason) or on My page, within the
 * cycle's window and once; HR sees the queue with its deadline, is reminded by the ladder, and answers — upheld, or
 * changed through the audited path — and the person is told. The cycle report shows before → after.
 */
const CSV = [
  PEOPLE_HEADER,
  'H1,何人事,he.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'H2,韩人事,han.hr@example.com,人力资源部,,hr,Asia/Shanghai,en,,,hr',
  'M1,王宽,wang.kuan@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'S1,李雷,li.lei@example.com,销售部,wang.kuan@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'S2,Lucy,lucy@example.com,销售部,wang.kuan@example.com,sales,Asia/Shanghai,en,,,employee',
  'S3,韩梅,han.mei@example.com,销售部,wang.kuan@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
].join('\n');

describe('appeals', () => {
  let t: TestApp;
  let cycle: number;
  const reviewOf = (email: string) => t.sql<{ id: number }>(`select r.id from reviews r join people p on p.id = r.person_id where p.email = ? and r.cycle_id = ?`, email, cycle)[0].id;
  const lastBot = async (email: string) => (await t.botMessages(email)).at(-1)!.text;
  type Appeal = { id: number; reviewId: number; name: string; status: string; reason: string; dueAt: string; overdue: boolean; grade: string; gradeBefore: string; gradeAfter: string | null; channel: string };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new TestClock('2026-12-01T02:00:00Z') }); // Tuesday, 10:00 in Shanghai
    expect((await t.importPeople(CSV)).status).toBe(200);
    insertTemplates(t, DEFAULT_TEMPLATE);
    cycle = await releasedCycle(t, { name: '2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30', grades: { 'li.lei@example.com': 'C', 'lucy@example.com': 'C' } });
  });
  afterAll(async () => t.destroy());

  it('names the appeal window in the release message', async () => {
    expect(await lastBot('li.lei@example.com')).toContain('7 天内回复“申诉”');
  });

  it('is started in local chat: 申诉, then the reason; HR is told and sees it in the queue with a deadline', async () => {
    await t.say('li.lei@example.com', '申诉');
    expect(await lastBot('li.lei@example.com')).toContain('请用一条消息说明理由');
    await t.say('li.lei@example.com', '第四季度大客户回款已到账，系统数据滞后');
    expect(await lastBot('li.lei@example.com')).toContain('已提交给 HR');
    const { appeals } = (await (await t.request('GET', '/api/appeals')).json()) as { appeals: Appeal[] };
    expect(appeals).toHaveLength(1);
    expect(appeals[0]).toMatchObject({ name: '李雷', status: 'open', channel: 'chat', reason: '第四季度大客户回款已到账，系统数据滞后', gradeBefore: 'C', overdue: false });
    // five working days after Tuesday 1 December: Tuesday 8 December, end of day in Shanghai
    expect(appeals[0].dueAt).toBe('2026-12-08T15:59:00.000Z');
    expect(await lastBot('he.hr@example.com')).toContain('李雷');
    expect(await lastBot('han.hr@example.com')).toContain('New appeal from 李雷');
    // a second appeal of the same review is refused, and says why
    await t.say('li.lei@example.com', '申诉 还是不服');
    expect(await lastBot('li.lei@example.com')).toContain('已对 2026-11 的结果提出过申诉');
    expect(t.sql(`select count(*) as n from review_appeals`)).toEqual([{ n: 1 }]);
  });

  it('is started on My page by the person, for their own review only', async () => {
    const lucy = await t.signInAs('lucy@example.com');
    const mine = (await lucy.json('GET', '/api/me/reviews')).body as unknown as { reviews: { id: number; canAppeal: boolean; appealClosesAt: string }[] };
    expect(mine.reviews[0]).toMatchObject({ id: reviewOf('lucy@example.com'), canAppeal: true, appealClosesAt: '2026-12-08T02:00:00.000Z' });
    const someoneElses = await lucy.request('POST', '/api/appeals', { reviewId: reviewOf('han.mei@example.com'), reason: 'x' });
    expect(someoneElses.status).toBe(404);
    expect((await lucy.request('POST', '/api/appeals', { reviewId: reviewOf('lucy@example.com'), reason: ' ' })).status).toBe(400);
    const made = await lucy.request('POST', '/api/appeals', { reviewId: reviewOf('lucy@example.com'), reason: 'My Q4 pipeline was not counted' });
    expect(made.status).toBe(201);
    expect(((await lucy.json('GET', '/api/appeals')).body as unknown as { appeals: Appeal[] }).appeals.map((a) => a.name)).toEqual(['Lucy']); // only her own
    const again = await lucy.request('POST', '/api/appeals', { reviewId: reviewOf('lucy@example.com'), reason: 'again' });
    expect(await again.json()).toMatchObject({ error: { code: 'appeal_exists' } });
  });

  it('reminds HR a day before the deadline and once it has passed, each once', async () => {
    const reminders = () => t.sql(`select dedupe_key as k from deliveries where dedupe_key like 'appeal-due:%' or dedupe_key like 'appeal-overdue:%' order by id`).map((r) => (r as { k: string }).k.split(':')[0]);
    // the every-minute pass (a manual run of review-open would open December's cycle too)
    await t.tick();
    expect(reminders()).toEqual([]);
    t.clock.set('2026-12-07T17:00:00Z'); // Tuesday 8 December, 01:00 in Shanghai: due within a day
    await t.tick();
    await t.tick();
    expect(reminders()).toEqual(['appeal-due', 'appeal-due', 'appeal-due', 'appeal-due']); // two appeals × two HR members
    t.clock.set('2026-12-08T16:30:00Z');
    await t.tick();
    expect(reminders().filter((k) => k === 'appeal-overdue')).toHaveLength(4);
    const { appeals } = (await (await t.request('GET', '/api/appeals?status=open')).json()) as { appeals: Appeal[] };
    expect(appeals.every((a) => a.overdue)).toBe(true);
  });

  it('is answered by HR: upheld, or changed through the audited path, and the person is told', async () => {
    const { appeals } = (await (await t.request('GET', '/api/appeals')).json()) as { appeals: Appeal[] };
    const lilei = appeals.find((a) => a.name === '李雷')!;
    const lucy = appeals.find((a) => a.name === 'Lucy')!;
    expect((await t.request('POST', `/api/appeals/${lilei.id}/resolve`, { outcome: 'changed', note: '已核实回款' })).status).toBe(400); // no grade
    expect((await t.request('POST', `/api/appeals/${lilei.id}/resolve`, { outcome: 'changed', grade: 'B' })).status).toBe(400); // no note
    expect(t.sql(`select grade from reviews where id = ?`, lilei.reviewId)).toEqual([{ grade: 'C' }]);
    const changed = await t.request('POST', `/api/appeals/${lilei.id}/resolve`, { outcome: 'changed', grade: 'B', note: '已核实 12 月到账回款，调整为 B' });
    expect(await changed.json()).toEqual({ id: lilei.id, status: 'changed', grade: 'B' });
    expect(t.sql(`select grade from reviews where id = ?`, lilei.reviewId)).toEqual([{ grade: 'B' }]);
    expect(await lastBot('li.lei@example.com')).toContain('由 C 调整为 B');
    const upheld = await t.request('POST', `/api/appeals/${lucy.id}/resolve`, { outcome: 'upheld', note: 'The Q4 pipeline counts in next quarter.' });
    expect(upheld.status).toBe(200);
    expect(await lastBot('lucy@example.com')).toContain('the grade C stands');
    expect((await t.request('POST', `/api/appeals/${lucy.id}/resolve`, { outcome: 'upheld', note: 'again' })).status).toBe(409);
    const audit = (await (await t.request('GET', `/api/audit?entity=review&id=${lilei.reviewId}`)).json()) as { entries: { action: string; before: unknown; after: unknown; reason: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['appeal.create', 'appeal.change']));
    expect(t.sql(`select action from audit_log where action like 'appeal.%' order by id`).map((r) => (r as { action: string }).action)).toEqual(['appeal.create', 'appeal.create', 'appeal.change', 'appeal.upheld']);
    expect(await (await t.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('lets nobody answer their own appeal', async () => {
    t.clock.set('2026-12-02T02:00:00Z');
    const c2 = await releasedCycle(t, { name: '2026-11 补充', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    await t.say('he.hr@example.com', '申诉：等级与贡献不符');
    const appeal = t.sql<{ id: number }>(`select a.id from review_appeals a join people p on p.id = a.person_id where p.email = 'he.hr@example.com' and a.cycle_id = ?`, c2)[0];
    const hr = await t.signInAs('he.hr@example.com');
    const own = await hr.request('POST', `/api/appeals/${appeal.id}/resolve`, { outcome: 'upheld', note: '自己维持' });
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ error: { code: 'own_appeal' } });
    const other = await t.signInAs('han.hr@example.com');
    expect((await other.request('POST', `/api/appeals/${appeal.id}/resolve`, { outcome: 'upheld', note: 'Consistent with calibration.' })).status).toBe(200);
  });

  it('closes the window after the cycle’s appeal days', async () => {
    t.clock.set('2026-12-20T02:00:00Z');
    await t.login(); // the admin's console session has expired by now
    await t.say('han.mei@example.com', '申诉');
    expect(await lastBot('han.mei@example.com')).toContain('申诉期已于');
    expect(t.sql(`select count(*) as n from review_appeals a join people p on p.id = a.person_id where p.email = 'han.mei@example.com'`)).toEqual([{ n: 0 }]);
  });

  it('reports the cycle before and after, with the change list, as JSON, CSV and XLSX', async () => {
    const res = await t.request("GET", `/api/review-cycles/${cycle}/report`);
    const report = (await res.json()) as { total: { before: Record<string, number>; after: Record<string, number> }; changes: { name: string; source: string; before: string; after: string }[]; byManager: { name: string }[] };
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report.total.before.C).toBe(2);
    expect(report.total.after.C).toBe(1);
    expect(report.changes).toEqual([expect.objectContaining({ name: '李雷', source: 'appeal', before: 'C', after: 'B' })]);
    const csv = await t.request('GET', `/api/review-cycles/${cycle}/report?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('李雷,li.lei@example.com,销售部,王宽,C,B');
    const xlsx = await t.request('GET', `/api/review-cycles/${cycle}/report?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['人员', '按部门', '按经理', '调整记录']);
    // a manager sees their own team only; an employee nothing
    const manager = await t.signInAs('wang.kuan@example.com');
    const theirs = (await manager.json('GET', `/api/review-cycles/${cycle}/report`)).body as unknown as { people: { name: string }[] };
    expect(theirs.people.map((p) => p.name).sort()).toEqual(['Lucy', '李雷', '韩梅']);
    const employee = await t.signInAs('han.mei@example.com');
    expect((await employee.request('GET', `/api/review-cycles/${cycle}/report`)).status).toBe(403);
  });

  it('reports appeals per cycle and department, and the change over cycles', async () => {
    const report = (await (await t.request('GET', '/api/appeals/report')).json()) as { cycles: { name: string; reviews: number; appeals: number; rate: number; changed: number; departments: { department: string; appeals: number }[] }[]; change: number | null };
    expect(report.cycles.map((c) => [c.name, c.reviews, c.appeals])).toEqual([['2026-11', 6, 2], ['2026-11 补充', 6, 1]]);
    expect(report.cycles[0].departments.find((d) => d.department === '销售部')!.appeals).toBe(2);
    expect(report.change).toBe(-0.5);
  });
});
