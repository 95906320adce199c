/**
 * Real-browser test of talent pools (issue 16) on the demo company: HR opens #/talent/pools, opens 架构师储备池,
 * sees 吴蕾鹏 proposed with the reason (A three years running, 系统设计 ≥ 4), accepts with a reason, and the member list
 * shows him with it (audited). The rule editor checks as HR types (problems in Chinese). The report shows the pool's
 * size, with CSV/XLSX links. HR creates a pool and proposes its members. On a phone (390×844) the pool page never scrolls sideways.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHITECT_EXAMPLE_EMAIL } from '../../db/seed/demoTalent';
import { launchBrowser, openPage, PHONE, screenshotPath, signInViaChatLink, testIds, WAIT, ZH_DESKTOP, type ConsoleApp } from '../support/browser';
import { decideProposal, openPool, poolPerson, startDemoConsoleApp } from '../support/talentBrowser';
import { RunningClock } from '../support/clock';

/** The server's clock: Wednesday 25 Nov 2026, noon in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-25T04:00:00Z').now;

let browser: Browser;
let app: ConsoleApp;
let page: Page;
const pageErrors: string[] = [];
const { tid, expectNoSidewaysScroll } = testIds(() => page);
const sql = <T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] => app.app.db.$client.prepare(query).all(...params) as T[];

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startDemoConsoleApp(clock, 'perf-pools-');
  page = await openPage(browser, ZH_DESKTOP, pageErrors);
}, 120_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.close();
}, 30_000);

describe('talent pools in the console', () => {
  it('HR accepts 吴蕾鹏 into 架构师储备池 after reading the reason', async () => {
    const [hr] = sql<{ email: string }>(`select email from people where role = 'hr' and active = 1 order by id limit 1`);
    await signInViaChatLink(page, app, hr.email);
    await openPool(page, app.url, '架构师储备池');
    expect(await tid('pool-title').innerText()).toBe('架构师储备池');

    const wu = poolPerson(page, 'pool-proposals', '吴蕾鹏');
    await wu.waitFor(WAIT);
    expect(await wu.getAttribute('data-status')).toBe('proposed');
    expect(await wu.getByTestId('pool-reason').innerText()).toMatch(/^近 3 年年度绩效均 ≥ A（2023 A、2024 A、2025 A）；系统设计 [\d.]+ ≥ 4/);

    // Decline needs a reason: the button waits for one.
    expect(await wu.getByTestId('pool-decline').isDisabled()).toBe(true);
    await decideProposal(page, '吴蕾鹏', 'accept', '系统设计能力突出，安排架构导师');
    const member = poolPerson(page, 'pool-members', '吴蕾鹏');
    expect(await member.getAttribute('data-status')).toBe('accepted');
    expect(await member.getByTestId('pool-decision').innerText()).toContain('系统设计能力突出，安排架构导师');
    expect(await member.getByTestId('pool-reason').innerText()).toMatch(/^近 3 年年度绩效均 ≥ A/);
    await page.screenshot({ path: screenshotPath('talent-pool-accepted') });

    const audit = sql<{ action: string; reason: string }>(
      `select a.action, a.reason from audit_log a join talent_pool_members m on m.id = cast(a.entity_id as integer) join people p on p.id = m.person_id where a.entity = 'talent_pool_member' and p.email = ?`,
      ARCHITECT_EXAMPLE_EMAIL,
    );
    expect(audit).toEqual([{ action: 'talent_pool.accept', reason: '系统设计能力突出，安排架构导师' }]);
  });

  it('the rule editor checks as HR types, in Chinese', async () => {
    await tid('pool-edit-open').click();
    const rule = tid('pool-rule');
    await rule.fill('min_annual >= 4 and skil("系统设计") >= 4');
    const problems = tid('rule-problems');
    await problems.waitFor(WAIT);
    await expect.poll(() => problems.locator('li').allInnerTexts(), WAIT).toEqual(['「min_annual」是函数：请写成 min_annual(…)。', '未知名称「skil」。']);
    await rule.fill('min_annual(3) >= 4 and skill("系统设计") >= 4');
    await tid('rule-ok').waitFor(WAIT);
    await expect.poll(() => tid('rule-sample').innerText(), WAIT).toMatch(/近 3 年年度绩效均 ≥ A/);
  });

  it('HR creates a pool (a syntax error shown as typed, then a valid rule) and proposes its members', async () => {
    await page.goto(`${app.url}/#/talent/pools`);
    await tid('pool-new').click();
    await tid('pool-name').fill('技术写作储备');
    await tid('pool-rule').fill('skill(技术文档) >= 4');
    await tid('rule-problems').waitFor(WAIT);
    expect(await tid('rule-problems').locator('li').getAttribute('data-code')).toBe('rule_syntax');
    await tid('pool-rule').fill('min_annual(3) >= 4 and skill("技术文档") >= 4');
    await tid('rule-ok').waitFor(WAIT);
    await tid('pool-save').click();
    await tid('pool-page').waitFor(WAIT);
    expect(await tid('pool-title').innerText()).toBe('技术写作储备');
    await tid('pool-propose').click();
    await expect.poll(() => tid('propose-result').innerText(), WAIT).toMatch(/^已检查 \d+ 人：新提名 [1-9]\d*/);
    const wu = poolPerson(page, 'pool-proposals', '吴蕾鹏');
    await wu.waitFor(WAIT);
    expect(await wu.getByTestId('pool-reason').innerText()).toMatch(/技术文档 [\d.]+ ≥ 4/);
  });

  it('the report shows the pool with its member, and exports', async () => {
    await page.goto(`${app.url}/#/talent/pools/report`);
    const arch = page.locator('[data-testid="pool-report-pool"][data-name="架构师储备池"]');
    await arch.waitFor(WAIT);
    expect(await arch.getByTestId('pool-report-summary').innerText()).toMatch(/^成员 1 人/);
    expect(await tid('pool-report-xlsx').getAttribute('href')).toBe('/api/talent/pools/report?format=xlsx');
    const csv = await page.evaluate(async () => (await fetch('/api/talent/pools/report?format=csv')).text());
    expect(csv).toContain('架构师储备池,1,');
  });

  it('on a phone the pool page never scrolls sideways', async () => {
    await page.setViewportSize(PHONE);
    await openPool(page, app.url, '架构师储备池');
    await poolPerson(page, 'pool-members', '吴蕾鹏').waitFor(WAIT);
    await expectNoSidewaysScroll('pool page');
    await page.screenshot({ path: screenshotPath('talent-pool-phone'), fullPage: false });
    expect(pageErrors).toEqual([]);
  });
});
