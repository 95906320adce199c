/**
 * Development paths and mentors in the console (issue 16), on the demo company: HR reviews the proposals of the
 * 架构师储备池 pool and accepts the source case's 吴蕾鹏 with a reason, assigns 架构师培养计划 to the
 * source case's 吴蕾鹏 on #/talent/paths (the milestones and their dates reach him in chat), opens #/talent/mentors,
 * picks him, sees the proposed mentors with scores and reasons, confirms the first with the mentorship's goals, and
 * 吴蕾鹏 — signed in himself — reads the introduction in the chat simulator and sees his path and mentor on My page,
 * on a phone without sideways scrolling.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../bot/app';
import { ARCHITECT_EXAMPLE_EMAIL } from '../../db/seed/demoTalent';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, CONSOLE_ENV, launchBrowser, PHONE, WAIT, ZH_DESKTOP, screenshotPath, signInViaChatLink, testIds, type ConsoleApp } from '../support/browser';
import { decideProposal, openPool, poolPerson } from '../support/talentBrowser';
import { RunningClock } from '../support/clock';

/** Monday 30 Nov 2026, 10:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-30T02:00:00Z').now;
const GOALS = '半年内主导一次跨团队架构评审；每月一次一对一交流';

let browser: Browser;
let app: RunningApp;
let consoleApp: ConsoleApp;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'perf-development-'));
  app = await startApp({ env: { ...CONSOLE_ENV, PORT: '0', DATABASE_PATH: path.join(dir, 'perf.db'), ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_DATA: 'on', LOG_LEVEL: 'silent' }, now: clock });
  const api = new ApiClient(app.url);
  await api.login();
  consoleApp = { app, url: app.url, api, close: async () => undefined };
  page = await browser.newPage(ZH_DESKTOP);
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

const { tid, expectNoSidewaysScroll } = testIds(() => page);
const sql = <T>(q: string, ...params: unknown[]) => app.db.$client.prepare(q).all(...params) as T[];

describe('development paths and mentors in the console', () => {
  it('HR accepts 吴蕾鹏 into the architect pool, assigns a path and a mentor, and he reads the introduction in the local chat', async () => {
    const [hr] = sql<{ email: string }>(`select email from people where role = 'hr' and active = 1 order by id limit 1`);
    const [wu] = sql<{ id: number; name: string }>(`select id, name from people where email = ?`, ARCHITECT_EXAMPLE_EMAIL);
    expect(wu.name).toBe('吴蕾鹏');
    await signInViaChatLink(page, consoleApp, hr.email);

    // #/talent/pools: the architect pool proposes him with the reason; HR accepts with a reason.
    await openPool(page, app.url, '架构师储备池');
    const proposal = poolPerson(page, 'pool-proposals', '吴蕾鹏');
    await proposal.waitFor(WAIT);
    expect(await proposal.innerText()).toMatch(/2023 A、2024 A、2025 A[\s\S]*系统设计/);
    await decideProposal(page, '吴蕾鹏', 'accept', '三年 A，系统设计突出，进入架构师储备');
    expect(sql(`select m.status from talent_pool_members m join talent_pools p on p.id = m.pool_id where p.name = '架构师储备池' and m.person_id = ?`, wu.id)).toEqual([{ status: 'accepted' }]);

    // #/talent/paths: pick 吴蕾鹏, the architect path, assign.
    await page.goto(`${app.url}/#/talent/paths`);
    await tid('talent-paths').waitFor(WAIT);
    await page.locator('[data-testid="path-template"][data-name="架构师培养计划"]').waitFor(WAIT);
    await tid('assign-form').getByTestId('person-search').fill('吴蕾鹏');
    await page.locator(`[data-testid="assign-form"] [data-testid="person-item"][data-email="${ARCHITECT_EXAMPLE_EMAIL}"]`).click();
    // each choice shows before the next is made (a failure then names the step that did not take)
    await page.locator('[data-testid="assign-person"]', { hasText: '吴蕾鹏' }).waitFor(WAIT);
    const pathId = sql<{ id: number }>(`select id from development_paths where name = '架构师培养计划'`)[0].id;
    await tid('assign-path').selectOption(String(pathId));
    expect(await tid('assign-path').inputValue()).toBe(String(pathId));
    await tid('assign-submit').click();
    await tid('assign-done').waitFor(WAIT);
    const assignment = page.locator(`[data-testid="assignment"][data-person="${ARCHITECT_EXAMPLE_EMAIL}"]`);
    await assignment.waitFor(WAIT);
    expect(await assignment.getByTestId('assignment-milestone').count()).toBe(5);
    expect(await assignment.getByTestId('assignment-completion').innerText()).toContain('完成 0%');
    expect(sql(`select count(*) as n from goals where owner_id = ? and kind = 'development'`, wu.id)).toEqual([{ n: 5 }]);
    await page.screenshot({ path: screenshotPath('talent-paths'), fullPage: true });

    // #/talent/mentors: proposals for him, with a score and the reasons; confirm the first with the goals.
    await page.locator('[data-testid="talent-view"][data-view="mentors"]').click();
    await tid('talent-mentors').waitFor(WAIT);
    await tid('talent-mentors').getByTestId('person-search').fill('吴蕾鹏');
    await page.locator(`[data-testid="talent-mentors"] [data-testid="person-item"][data-email="${ARCHITECT_EXAMPLE_EMAIL}"]`).click();
    const first = page.getByTestId('mentor-proposal').first();
    await first.waitFor(WAIT);
    expect(await first.getByTestId('mentor-score').innerText()).toMatch(/^得分 \d+(\.\d)?$/);
    expect(await first.innerText()).toMatch(/系统设计|技术文档/);
    const mentorName = (await first.getAttribute('data-name'))!;
    await first.getByTestId('mentor-confirm').click();
    await first.getByTestId('mentorship-goals').fill(GOALS);
    await first.getByTestId('mentor-confirm-submit').click();
    const pairing = page.locator(`[data-testid="mentorship"][data-mentee="${ARCHITECT_EXAMPLE_EMAIL}"]`);
    await pairing.waitFor(WAIT);
    expect(await pairing.innerText()).toContain(`${mentorName} → 吴蕾鹏`);
    await tid('current-mentor').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('talent-mentors'), fullPage: true });

    // 吴蕾鹏 signs in on his phone: the introduction in the chat simulator, his path and mentor on My page.
    const phone = await browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    phone.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await signInViaChatLink(phone, consoleApp, ARCHITECT_EXAMPLE_EMAIL);
    await phone.goto(`${app.url}/#/chat`);
    const intro = phone.locator('[data-testid="chat-message"][data-from="bot"]', { hasText: GOALS });
    await intro.waitFor(WAIT);
    expect(await intro.count()).toBe(1);
    expect(await intro.innerText()).toContain(`认识一下你的导师：${mentorName}`);
    expect(await phone.locator('[data-testid="chat-message"][data-from="bot"]', { hasText: '架构师培养计划' }).count()).toBeGreaterThanOrEqual(1);
    await phone.goto(`${app.url}/#/me`);
    await phone.getByTestId('my-development').waitFor(WAIT);
    expect(await phone.getByTestId('my-mentorship').innerText()).toContain(`你的导师：${mentorName}`);
    expect(await phone.locator('[data-testid="goal-development"]').count()).toBe(5);
    const { expectNoSidewaysScroll: noSideways } = testIds(() => phone);
    await noSideways('my page with a development path');
    await phone.close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('the paths page fits a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/#/talent/paths`);
    await tid('assignments').waitFor(WAIT);
    await expectNoSidewaysScroll('#/talent/paths on a phone');
  });
});
