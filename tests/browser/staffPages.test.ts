/**
 * Real-browser test of the staff side of signing in and the staff pages: HR lands on the HR overview, sets a
 * password through the link the bot sends in chat, signs in with it and signs out everywhere; the admin lands on
 * Setup, imports people from CSV (line problems first), and in the chat simulator may type only for people on the
 * built-in chat (shown as typed by them), while people on Slack are read-only.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ADMIN_EMAIL, ADMIN_PASSWORD, CONSOLE_ENV, CONSOLE_TEAM_CSV, PEOPLE_HEADER, WAIT, ZH_DESKTOP, lastMessageId, linkFromChat,
  screenshotPath, signInViaChatLink, useConsoleBrowser,
} from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const ON_SLACK = 'sam.slack@example.com';
const PEOPLE = `${CONSOLE_TEAM_CSV}${[
  'E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'E6,Sam Slack,sam.slack@example.com,市场部,,mkt,America/Los_Angeles,en,U0SAMSLACK,,employee',
].join('\n')}\n`;
const PASSWORD = 'correct horse battery staple';

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-staff-',
  people: PEOPLE,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    await suite.app.api.call('POST', '/api/jobs/standup-prompt/run');
  },
});

const tabs = (p: Page) => p.locator('[data-testid="nav-tab"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-route')));

async function passwordLogin(p: Page, email: string, password: string): Promise<void> {
  await p.goto(suite.app.url);
  await p.getByTestId('login-email').fill(email);
  await p.getByTestId('login-password').fill(password);
  await p.getByTestId('login-submit').click();
}

describe('staff sign-in and staff pages', () => {
  it('HR lands on the HR overview, sets a password through the chat link, signs in with it and signs out everywhere', async () => {
    const p = suite.page;
    await p.clock.install({ time: clock() });
    await signInViaChatLink(p, suite.app, HR);
    await p.getByTestId('hr-page').waitFor(WAIT);
    expect(new URL(p.url()).hash).toBe('#/hr');
    expect(await tabs(p)).toEqual(['me', 'team', 'hr', 'people', 'chat', 'log', 'reports', 'leaderboard', 'rewards', 'redemptions', 'goals', 'reviews', 'talent', 'calendar', 'audit', 'integrations']);

    // The overview shows what the server counts.
    const overview = await suite.app.api.call<{ asked: number; answered: number; missing: number; activePeople: number }>('GET', '/api/hr/overview');
    expect(overview.asked).toBeGreaterThan(0);
    const stat = (key: string) => p.locator(`[data-testid="hr-stat"][data-key="${key}"] dd`).innerText();
    expect(await stat('asked')).toBe(String(overview.asked));
    expect(await stat('missing')).toBe(String(overview.missing));
    expect(await p.locator('[data-testid="hr-active"] dd').innerText()).toBe(String(overview.activePeople));
    expect(await p.getByTestId('hr-department').count()).toBeGreaterThan(0);
    await p.screenshot({ path: screenshotPath('hr-overview') });

    // Set a password: the link comes in chat.
    const before = await lastMessageId(suite.app, HR);
    await p.getByTestId('current-user').click();
    await p.getByTestId('password-link').click();
    expect(await p.getByTestId('password-link-result').innerText()).toContain('已通过聊天发给你');
    await p.goto(await linkFromChat(suite.app, HR, '#/set-password?token=', before));
    await p.getByTestId('set-password-page').waitFor(WAIT);
    await p.getByTestId('new-password').fill('too short');
    expect(await p.getByTestId('set-password-submit').isDisabled()).toBe(true);
    await p.getByTestId('new-password').fill(PASSWORD);
    await p.getByTestId('repeat-password').fill(`${PASSWORD}!`);
    expect(await p.getByTestId('set-password-submit').isDisabled()).toBe(true);
    await p.getByTestId('repeat-password').fill(PASSWORD);
    await p.screenshot({ path: screenshotPath('set-password') });
    await p.getByTestId('set-password-submit').click();
    await p.getByTestId('hr-page').waitFor(WAIT);
    expect(new URL(p.url()).hash).toBe('#/hr'); // the token left the address bar

    // Sign out, then in with the new password: the landing page again.
    await p.getByTestId('logout').click();
    await passwordLogin(p, HR, PASSWORD);
    await p.getByTestId('hr-page').waitFor(WAIT);

    // A second browser signed in too; "sign out everywhere" ends both.
    const other = await p.context().browser()!.newPage(ZH_DESKTOP);
    try {
      await passwordLogin(other, HR, PASSWORD);
      await other.getByTestId('hr-page').waitFor(WAIT);
      await p.getByTestId('current-user').click();
      await p.getByTestId('logout-all').click();
      await p.getByTestId('login-page').waitFor(WAIT);
      await other.reload();
      await other.getByTestId('login-page').waitFor(WAIT);
    } finally {
      await other.close();
    }
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 90_000);

  it('the admin lands on Setup and imports people from CSV, problems by line first', async () => {
    const p = suite.page;
    await passwordLogin(p, ADMIN_EMAIL, ADMIN_PASSWORD);
    await p.getByTestId('setup-page').waitFor(WAIT);
    expect(new URL(p.url()).hash).toBe('#/setup');
    await p.getByTestId('run-job').first().waitFor(WAIT);
    const status = await suite.app.api.call<{ people: number; departments: number }>('GET', '/api/setup/status');
    await expect.poll(() => p.locator('[data-testid="setup-people"] dd').innerText(), WAIT).toBe(String(status.people));
    expect(await p.locator('[data-testid="setup-flag"][data-key="slack"][data-on="no"]').count()).toBe(2);

    await p.getByTestId('people-import-text').fill(`${PEOPLE_HEADER}\nE7,周杰,not-an-email,研发中心,,rnd,Asia/Shanghai,zh-CN,,,employee\n`);
    await p.getByTestId('people-import-submit').click();
    await p.getByTestId('people-import-error').waitFor(WAIT);
    expect(await p.locator('[data-testid="import-problem"]').first().getAttribute('data-line')).toBe('2');

    await p.getByTestId('people-import-text').fill(`${PEOPLE_HEADER}\nE7,周杰,zhou.jie@example.com,研发中心,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee\n`);
    await p.getByTestId('people-import-submit').click();
    expect(await p.getByTestId('people-import-done').innerText()).toBe('已导入 1 人：新增 1，更新 0。');
    await expect.poll(() => p.locator('[data-testid="setup-people"] dd').innerText(), WAIT).toBe(String(status.people + 1));
    await p.screenshot({ path: screenshotPath('setup') });
  }, 60_000);

  it('in the chat simulator the admin types for people on the built-in chat, shown as typed by them, and only reads people on Slack', async () => {
    const p = suite.page; // the admin, from the test before
    await p.locator('[data-testid="nav-tab"][data-route="chat"]').click();
    const open = async (search: string, email: string) => {
      await p.getByTestId('person-search').fill(search);
      await p.locator(`[data-testid="person-item"][data-email="${email}"]`).click(WAIT);
      await p.waitForSelector(`[data-testid="person-item"][data-email="${email}"][aria-pressed="true"]`, WAIT);
    };

    await open('Sam', ON_SLACK);
    expect(await p.locator(`[data-testid="person-item"][data-email="${ON_SLACK}"] [data-testid="person-platform"]`).innerText()).toBe('Slack');
    await p.waitForSelector('.composer[data-can-speak="no"]', WAIT);
    expect(await p.getByTestId('chat-readonly').innerText()).toBe('Sam Slack 使用Slack，这里的对话只能查看。');
    expect(await p.getByTestId('chat-input').isDisabled()).toBe(true);

    await open('李雷', 'li.lei@example.com');
    await p.waitForSelector('.composer[data-can-speak="yes"]', WAIT);
    await p.getByTestId('chat-input').fill('你好');
    await p.getByTestId('chat-send').click();
    const mine = p.locator('[data-testid="chat-message"][data-from="person"]').last();
    await mine.getByTestId('typed-by').waitFor(WAIT);
    expect(await mine.getByTestId('typed-by').innerText()).toBe(`由 ${ADMIN_EMAIL} 代填`);
    await p.screenshot({ path: screenshotPath('chat-typed-by') });
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);

  it('HR sees who must decide their own redemption instead of buttons, and cannot pick themselves to adjust points', async () => {
    const p = suite.page;
    const call = (method: string, url: string, body?: unknown) => suite.app.api.call(method, url, body);
    const coffee = (await call('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift' })) as { id: number };
    for (const employee of [HR, 'li.lei@example.com']) {
      await call('POST', '/api/points/adjust', { email: employee, amount: 5, reason: '季度分享' }); // by the first admin, nobody in the directory
      await call('POST', '/api/local/messages', { employee, action: 'rewards.redeem', value: String(coffee.id) });
    }

    await p.getByTestId('logout').click();
    await passwordLogin(p, HR, PASSWORD);
    await p.getByTestId('hr-page').waitFor(WAIT);
    await p.locator('[data-testid="nav-tab"][data-route="redemptions"]').click();
    const own = p.locator(`[data-testid="redemption-item"][data-email="${HR}"]`);
    await own.getByTestId('redemption-own').waitFor(WAIT);
    expect(await own.getByTestId('redemption-own').innerText()).toBe('需由另一位 HR 或管理员审批。');
    expect(await own.getByTestId('redemption-approve').count()).toBe(0);
    expect(await own.getByTestId('redemption-reject').count()).toBe(0);
    expect(await p.locator('[data-testid="redemption-item"][data-email="li.lei@example.com"]').getByTestId('redemption-approve').count()).toBe(1);

    await p.getByTestId('adjust-email').fill(HR.toUpperCase());
    await p.getByTestId('adjust-amount').fill('1000');
    await p.getByTestId('adjust-reason').fill('年终奖励');
    expect(await p.getByTestId('adjust-own').innerText()).toBe('不能调整自己的积分：需由另一位 HR 或管理员操作。');
    expect(await p.getByTestId('adjust-submit').isDisabled()).toBe(true);
    await p.screenshot({ path: screenshotPath('redemptions-own-zh') });
    await p.getByTestId('adjust-email').fill('li.lei@example.com');
    expect(await p.getByTestId('adjust-own').count()).toBe(0);
    expect(await p.getByTestId('adjust-submit').isDisabled()).toBe(false);
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
});
