/**
 * Real-browser test of the talent pages on the demo company (issue 16): HR signs in through the chat link, opens the
 * Talent tab, sees the 9-box of the latest annual cycle (groups under five hidden), switches cycles, reads the moves
 * between years, opens the example person 吴蕾鹏 from the grid and reads his profile (the explanation, the grades
 * chart, skills); the person page links to the same profile; on a phone the profile never scrolls sideways.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../bot/app';
import { ARCHITECT_EXAMPLE_EMAIL } from '../../db/seed/demoTalent';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, CONSOLE_ENV, PHONE, WAIT, ZH_DESKTOP, launchBrowser, screenshotPath, signInViaChatLink, testIds, watchPage, type ConsoleApp } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Wednesday 25 Nov 2026, noon in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-25T04:00:00Z').now;

let browser: Browser;
let app: RunningApp;
let consoleApp: ConsoleApp;
let page: Page;
let dir: string;
const pageErrors: string[] = [];
const failed: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'perf-talent-'));
  app = await startApp({ env: { ...CONSOLE_ENV, PORT: '0', DATABASE_PATH: path.join(dir, 'perf.db'), ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_DATA: 'on', LOG_LEVEL: 'silent' }, now: clock });
  const api = new ApiClient(app.url);
  await api.login();
  consoleApp = { app, url: app.url, api, close: async () => undefined };
  page = await browser.newPage(ZH_DESKTOP);
  watchPage(page, pageErrors);
  page.on('response', (res) => {
    if (res.status() >= 400 && !(res.status() === 401 && res.url().endsWith('/api/auth/me'))) failed.push(`${res.status()} ${res.url()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

const { tid, go, expectNoSidewaysScroll } = testIds(() => page);
const idOf = (email: string) => app.db.$client.prepare<[string], number>('select id from people where email = ?').pluck().get(email)!;

describe('talent pages', () => {
  it('HR reads the 9-box over time and opens the example person’s profile from it', async () => {
    const hr = app.db.$client.prepare<[], string>(`select email from people where role = 'hr' order by id limit 1`).pluck().get()!;
    await signInViaChatLink(page, consoleApp, hr);
    await go('talent');
    await tid('talent-ninebox-card').waitFor(WAIT);

    // three annual cycles, the latest shown; every box either counted (five or more, with names) or hidden
    expect(await tid('talent-cycle').allInnerTexts()).toEqual(['2023 年度考核', '2024 年度考核', '2025 年度考核']);
    expect(await tid('talent-ninebox-card').locator('h3').innerText()).toBe('九宫格：2025 年度考核');
    const cells = await tid('talent-cell').evaluateAll((els) => els.map((e) => ({ count: e.getAttribute('data-count'), names: e.querySelectorAll('[data-testid="talent-cell-person"]').length })));
    expect(cells.length).toBe(9);
    for (const c of cells) expect(c.count === 'hidden' || c.count === '0' ? c.names === 0 : Number(c.count) >= 5 && c.names === Number(c.count)).toBe(true);
    const top = page.locator('[data-testid="talent-cell"][data-performance="high"][data-potential="high"]');
    await top.getByText('吴蕾鹏').waitFor(WAIT);
    await tid('talent-transition').first().waitFor(WAIT);
    expect(await tid('talent-transition').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('talent-ninebox') });

    // another cycle: the grid follows the switcher
    await page.locator('[data-testid="talent-cycle"][data-cycle]').first().click();
    await expect.poll(() => tid('talent-ninebox-card').locator('h3').innerText(), WAIT).toBe('九宫格：2023 年度考核');

    // the example person from the grid: his profile, explained item by item, with the grades chart
    await top.getByText('吴蕾鹏').click();
    await tid('talent-profile').waitFor(WAIT);
    expect(await tid('talent-profile-name').innerText()).toBe('人才档案：吴蕾鹏');
    const lines = await tid('talent-explanation-line').allInnerTexts();
    expect(lines).toContain('年度绩效：2023 A、2024 A、2025 A');
    expect(lines).toContain('系统设计 4.5（最近 A，共 4 次评分）');
    expect(lines).toContain('潜力：最近 A（高）');
    await page.locator('[data-testid="echart-talent-grades"][data-ready="true"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="talent-skill"][data-skill="系统设计"]').count()).toBe(1);
    expect(await tid('talent-result').count()).toBe(4);
    expect(await tid('talent-shared-goals').innerText()).toBe('3');
    expect(await tid('talent-projects').innerText()).toBe('4');
    await page.screenshot({ path: screenshotPath('talent-profile'), fullPage: true });

    // the person page links to the profile
    const id = idOf(ARCHITECT_EXAMPLE_EMAIL);
    await page.goto(`${app.url}/#/people/${id}`);
    await tid('person-talent-link').click();
    await expect.poll(() => page.locator('[data-testid="talent-profile"]').getAttribute('data-person'), WAIT).toBe(String(id));
    expect(pageErrors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('fits a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/#/talent/person/${idOf(ARCHITECT_EXAMPLE_EMAIL)}`);
    await tid('talent-explanation').waitFor(WAIT);
    await page.locator('[data-testid="echart-talent-grades"][data-ready="true"]').waitFor(WAIT);
    await expectNoSidewaysScroll('talent profile on a phone');
    await page.goto(`${app.url}/#/talent`);
    await tid('talent-ninebox-card').waitFor(WAIT);
    await expectNoSidewaysScroll('9-box on a phone');
    await page.screenshot({ path: screenshotPath('talent-ninebox-phone') });
    expect(pageErrors).toEqual([]);
  });

  it('shows a person their own profile under Talent only once the company allows it', async () => {
    const own = await browser.newPage(ZH_DESKTOP);
    watchPage(own, pageErrors);
    await signInViaChatLink(own, consoleApp, ARCHITECT_EXAMPLE_EMAIL);
    expect(await own.locator('[data-testid="nav-tab"][data-route="talent"]').count()).toBe(0);
    await consoleApp.api.call('PATCH', '/api/settings', { talent: { profileVisibleToSelf: true } });
    await own.reload();
    await own.locator('[data-testid="nav-tab"][data-route="talent"]').click();
    await own.getByTestId('talent-explanation').waitFor(WAIT);
    expect(await own.getByTestId('talent-profile-name').innerText()).toBe('人才档案：吴蕾鹏');
    expect(await own.getByTestId('talent-ninebox-card').count()).toBe(0);
    await consoleApp.api.call('PATCH', '/api/settings', { talent: { profileVisibleToSelf: false } });
    await own.close();
    expect(pageErrors).toEqual([]);
  });
});

