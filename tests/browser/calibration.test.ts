/**
 * Real-browser test of a calibration session (issue 11) in the console: 王宽's sales team of four has been graded
 * (submitted, with totals); HR (赵敏) opens the cycle's row, starts a calibration, sees 销售1 (80.5, on the A/B
 * boundary) first among the borderline people, tries to move them to B without a reason (refused, said so), then
 * with one; writes the minutes, locks the session (the change form and minutes become read-only), and the change is
 * in the list. On a phone (390×844) the page never scrolls sideways. A manager sees no Calibrate button. After the
 * release, 销售1 sees the result on My page on a phone and appeals with a reason; HR changes the grade in the appeal
 * queue, and the cycle report lists both changes (calibration, appeal).
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, PEOPLE_HEADER, PHONE, WAIT, ZH_DESKTOP, screenshotPath, signInViaChatLink, testIds, useConsoleBrowser, watchPage } from '../support/browser';
import type { TestApp } from '../support/harness';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';
import { RunningClock } from '../support/clock';

/** The server's clock: Monday 30 Nov 2026, 10:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-30T02:00:00Z').now;

const HR = 'zhao.min@example.com';
const MANAGER = 'wang.kuan@example.com';
const PEOPLE = `${[
  PEOPLE_HEADER,
  'M1,王宽,wang.kuan@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  ...[1, 2, 3, 4].map((i) => `S${i},销售${i},s${i}@example.com,销售部,wang.kuan@example.com,sales,Asia/Shanghai,zh-CN,,,employee`),
  'H1,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
].join('\n')}\n`;
const PHONE_ZH = { viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true };

let cycleId = 0;
const suite = useConsoleBrowser({
  tmpPrefix: 'perf-calibration-',
  people: PEOPLE,
  env: { ...CONSOLE_ENV, REVIEW_MANAGER_LEAD_DAYS: '0' },
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    // The default template straight into the database, a November cycle opened by the admin.
    insertTemplates({ sql, clock: { now: clock } } as unknown as TestApp, DEFAULT_TEMPLATE);
    cycleId = (await call<{ id: number }>('POST', '/api/review-cycles', { name: '2026 年 11 月考核', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' })).id;
    expect(await call('POST', `/api/review-cycles/${cycleId}/open`)).toMatchObject({ reviews: 6 });
    // 王宽 has graded his four; 销售1's 80.5 sits on the A/B boundary.
    const graded: [string, string, number][] = [['s1@example.com', 'A', 80.5], ['s2@example.com', 'A', 86], ['s3@example.com', 'B', 74], ['s4@example.com', 'A', 84]];
    for (const [email, grade, total] of graded) {
      sql(`update reviews set status = 'submitted', grade = ?, total = ? where person_id = (select id from people where email = ?)`, grade, total, email);
    }
  },
});

function sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] {
  const stmt = suite.app.app.db.$client.prepare(query);
  return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
}
const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);
const { tid } = testIds(() => suite.page);
const reviewOf = (email: string) => sql<{ id: number }>(`select r.id from reviews r join people p on p.id = r.person_id where p.email = ?`, email)[0].id;

describe('calibration sessions in the console', () => {
  it('HR starts a calibration, changes a borderline grade with a reason, writes minutes and locks', async () => {
    const p = suite.page;
    await signInViaChatLink(p, suite.app, HR);
    await p.locator('[data-testid="nav-tab"][data-route="reviews"]').click();
    const row = p.locator(`[data-testid="cycle-row"][data-id="${cycleId}"]`);
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('open');

    // Calibrate → a new session, at #/reviews/calibration/:id.
    await row.getByTestId('cycle-calibrate').click();
    await tid('calibration-page').waitFor(WAIT);
    expect(p.url()).toMatch(/#\/reviews\/calibration\/\d+$/);
    const sessionId = Number(await tid('calibration-page').getAttribute('data-id'));

    // A is well above its 20% guideline: highlighted. The 9-box has all nine cells, empty ones 0.
    const a = p.locator('[data-testid="distribution-row"][data-grade="A"]');
    expect(await a.getAttribute('data-highlight')).toBe('yes');
    expect(await a.getAttribute('class')).toContain('row-highlight');
    expect(await p.locator('[data-testid="ninebox-cell"]').count()).toBe(9);
    expect(await p.locator('[data-testid="ninebox-cell"][data-performance="low"][data-potential="low"]').innerText()).toBe('0');

    // 销售1 first among the borderline people (A/B), linking to the review's evidence.
    const first = p.locator('[data-testid="borderline-row"]').first();
    expect(await first.getAttribute('data-email')).toBe('s1@example.com');
    expect(await first.getAttribute('data-ab')).toBe('yes');
    expect(await first.locator('a').getAttribute('href')).toBe(`#/reviews/review/${reviewOf('s1@example.com')}`);
    expect(await p.locator('[data-testid="calibration-review"]').count()).toBe(6); // 王宽, his four and 赵敏

    // The form starts on the first borderline person. B without a reason: refused, nothing changed.
    expect(await tid('calibration-review-select').inputValue()).toBe(String(reviewOf('s1@example.com')));
    await tid('calibration-grade').selectOption('B');
    await tid('calibration-change-submit').click();
    await p.waitForSelector('[data-testid="calibration-change-error"][data-code="invalid_request"]', WAIT);
    expect(await tid('calibration-change-error').innerText()).toContain('请填写原因');
    expect(await tid('calibration-no-changes').count()).toBe(1);

    // With a reason: the grade is B, and the change is listed.
    await tid('calibration-reason').fill('与同级相比，回款贡献偏低');
    await tid('calibration-change-submit').click();
    await tid('calibration-change-done').waitFor(WAIT);
    const s1 = p.locator(`[data-testid="calibration-review"][data-email="s1@example.com"]`);
    expect(await s1.getAttribute('data-grade')).toBe('B');
    const change = p.locator('[data-testid="calibration-change"]');
    expect(await change.count()).toBe(1);
    expect(await change.getAttribute('data-before')).toBe('A');
    expect(await change.getAttribute('data-after')).toBe('B');
    expect(await change.innerText()).toContain('与同级相比，回款贡献偏低');

    // Minutes, then lock: the change form and minutes are read-only.
    await tid('calibration-minutes-text').fill('校准会：销售部 A 档偏多，销售1 调整为 B。');
    await tid('calibration-minutes-save').click();
    await tid('calibration-minutes-saved').waitFor(WAIT);
    await tid('calibration-lock-submit').click();
    await p.waitForSelector('[data-testid="calibration-page"][data-locked="yes"]', WAIT);
    await tid('calibration-readonly').waitFor(WAIT);
    expect(await tid('calibration-change-submit').isDisabled()).toBe(true);
    expect(await tid('calibration-reason').isDisabled()).toBe(true);
    expect(await tid('calibration-minutes-text').getAttribute('readonly')).not.toBeNull();
    expect(await tid('calibration-minutes-save').count()).toBe(0);
    expect(await tid('calibration-minutes-text').inputValue()).toContain('销售1 调整为 B');
    expect(await tid('calibration-reopen').isDisabled()).toBe(true); // a reason first
    expect(await p.locator('[data-testid="calibration-change"]').count()).toBe(1);
    await p.screenshot({ path: screenshotPath('calibration-locked'), fullPage: true });

    // Stored: the grade, one change, the lock.
    expect(sql(`select grade from reviews where id = ?`, reviewOf('s1@example.com'))).toEqual([{ grade: 'B' }]);
    const view = await call<{ locked: boolean; minutes: string; changes: unknown[] }>('GET', `/api/calibration-sessions/${sessionId}`);
    expect(view).toMatchObject({ locked: true, minutes: '校准会：销售部 A 档偏多，销售1 调整为 B。' });
    expect(view.changes).toHaveLength(1);

    // Release: refused while reviews are unsubmitted (the manager's own), then done once everyone is graded.
    await p.goto(`${suite.app.url}/#/reviews`);
    const cycleRow = p.locator(`[data-testid="cycle-row"][data-id="${cycleId}"]`);
    await cycleRow.getByTestId('cycle-release').click();
    await cycleRow.locator('[data-testid="cycle-release-error"][data-code="not_all_submitted"]').waitFor(WAIT);
    sql(`update reviews set status = 'submitted', grade = 'B', feedback = '稳定' where status != 'submitted'`);
    await cycleRow.getByTestId('cycle-release').click();
    await p.getByTestId('cycle-released').waitFor(WAIT);
    await p.locator(`[data-testid="cycle-row"][data-id="${cycleId}"][data-status="released"]`).waitFor(WAIT);
    const reviewCount = sql<{ n: number }>(`select count(*) as n from reviews`)[0].n;
    expect(sql(`select count(*) as n from deliveries where dedupe_key like 'review-release:%'`)).toEqual([{ n: reviewCount }]);

    // On a phone: the same page, nothing wider than the screen.
    const phone = await p.context().browser()!.newPage(PHONE_ZH);
    watchPage(phone, suite.pageErrors);
    try {
      await signInViaChatLink(phone, suite.app, HR);
      await phone.goto(`${suite.app.url}/#/reviews/calibration/${sessionId}`);
      await phone.getByTestId('calibration-page').waitFor(WAIT);
      await testIds(() => phone).expectNoSidewaysScroll('the calibration page on a phone');
      await phone.screenshot({ path: screenshotPath('calibration-phone'), fullPage: true });
    } finally {
      await phone.close();
    }

    // 王宽, a manager: the cycle, but no Calibrate button.
    const manager = await p.context().browser()!.newPage(PHONE_ZH);
    watchPage(manager, suite.pageErrors);
    try {
      await signInViaChatLink(manager, suite.app, MANAGER);
      await manager.locator('[data-testid="nav-tab"][data-route="reviews"]').click();
      await manager.locator(`[data-testid="cycle-row"][data-id="${cycleId}"]`).waitFor(WAIT);
      expect(await manager.getByTestId('cycle-calibrate').count()).toBe(0);
    } finally {
      await manager.close();
    }
    // 销售1 on a phone: the released result on My page, and an appeal with a reason.
    const employee = await p.context().browser()!.newPage(PHONE_ZH);
    watchPage(employee, suite.pageErrors);
    try {
      await signInViaChatLink(employee, suite.app, 's1@example.com');
      await employee.goto(`${suite.app.url}/#/me`);
      const result = employee.locator(`[data-testid="my-result"][data-review="${reviewOf('s1@example.com')}"]`);
      await result.waitFor(WAIT);
      expect(await result.getByTestId('my-result-grade').innerText()).toBe('B');
      await result.getByTestId('appeal-start').click();
      expect(await result.getByTestId('appeal-submit').isDisabled()).toBe(true); // a reason first
      await result.getByTestId('appeal-reason').fill('12 月初到账的大客户回款没有计入本月');
      await result.getByTestId('appeal-submit').click();
      await result.locator('[data-testid="my-appeal"][data-status="open"]').waitFor(WAIT);
      expect(await result.getByTestId('my-appeal').innerText()).toMatch(/HR 将在 .*\d.* 前答复/); // the deadline, as a date
      await testIds(() => employee).expectNoSidewaysScroll('My page with an appeal on a phone');
      await employee.screenshot({ path: screenshotPath('appeal-phone'), fullPage: true });
    } finally {
      await employee.close();
    }
    expect(sql(`select channel, reason from review_appeals`)).toEqual([{ channel: 'web', reason: '12 月初到账的大客户回款没有计入本月' }]);

    // HR answers it in the queue (a note is required), and the report lists both changes.
    await p.goto(`${suite.app.url}/#/reviews/appeals`);
    const item = p.locator('[data-testid="appeal-item"][data-status="open"]');
    await item.waitFor(WAIT);
    await item.getByTestId('appeal-outcome-changed').check();
    await item.getByTestId('appeal-grade').selectOption('A');
    expect(await item.getByTestId('appeal-resolve').isDisabled()).toBe(true);
    await item.getByTestId('appeal-note').fill('已核实 12 月初到账回款，调整为 A');
    await item.getByTestId('appeal-resolve').click();
    await p.locator('[data-testid="appeal-item"][data-status="changed"]').waitFor(WAIT);
    expect(sql(`select grade from reviews where id = ?`, reviewOf('s1@example.com'))).toEqual([{ grade: 'A' }]);
    await p.goto(`${suite.app.url}/#/reviews/report/${cycleId}`);
    await tid('cycle-report').waitFor(WAIT);
    expect(await p.locator('[data-testid="report-change"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).toEqual(['calibration', 'appeal']);
    expect(suite.pageErrors, 'uncaught errors in the pages').toEqual([]);
  }, 150_000);
});
